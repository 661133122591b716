package org.computegov.server.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A demo-world server and one real Chromium for a class of ordered console tests, with the demo users' passwords
 * and the steps every such test takes (open a page, read an element, sign in and out).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DemoConsoleBrowserTest {
    @TempDir
    static Path data; // each test class its own: the classes run one after the other
    protected CgovServer server;
    protected final MovableClock clock = new MovableClock();
    protected Browser browser;
    private final Map<String, String> passwords = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()),
                clock);
        for (String line : Files.readAllLines(data.resolve("demo-keys/console-users.txt"))) {
            String[] p = line.split(" ", 2);
            passwords.put(p[0], p[1]);
        }
        browser = new Browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    protected void open(String path) {
        browser.driver.get("http://localhost:" + server.port() + path);
    }

    protected String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    protected WebDriverWait waiting() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30));
    }

    protected void signIn(String user) {
        open("/console/sign-in");
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(passwords.get(user));
        browser.driver.findElement(By.id("sign-in")).click();
        waiting().until(d -> !d.getCurrentUrl().endsWith("/console/sign-in"));
    }

    protected void signOut() {
        browser.driver.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
        waiting().until(ExpectedConditions.urlContains("signed-out=1"));
    }
}
