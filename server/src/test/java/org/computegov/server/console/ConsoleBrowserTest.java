package org.computegov.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.computegov.server.WebOptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end: a real server with the demo world and its console users, a real headless Chromium.
 * Screenshots of the main pages land in target/console-screenshots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    @TempDir
    static Path data;
    private final MovableClock clock = new MovableClock();
    private CgovServer server;
    private Browser browser;
    private Map<String, String> passwords;

    @BeforeAll
    void start() throws Exception {
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, true, null, null, LogOptions.defaults()), clock);
        passwords = new LinkedHashMap<>();
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

    private String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    private void open(String path) {
        browser.driver.get(url(path));
    }

    private String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser.driver, Duration.ofSeconds(30));
    }

    private void signIn(String user, String password) {
        open("/console/sign-in");
        browser.driver.findElement(By.id("username")).sendKeys(user);
        browser.driver.findElement(By.id("password")).sendKeys(password);
        browser.driver.findElement(By.id("sign-in")).click();
        waiting().until(d -> !d.getCurrentUrl().endsWith("/console/sign-in") || !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
    }

    private void signOut() {
        browser.driver.findElement(By.cssSelector("form[action='/console/sign-out'] button")).click();
        waiting().until(ExpectedConditions.urlContains("signed-out=1"));
        assertThat(browser.driver.getCurrentUrl()).contains("/console/sign-in");
    }

    private void everyControlIsLabelled() {
        Accessibility.everyControlIsLabelled(browser.driver);
    }

    /** What a page must be: one h1, labelled controls, readable contrast, no error page. */
    private void pageIsSound(String path) {
        assertThat(browser.driver.findElements(By.tagName("h1"))).as(path).hasSize(1);
        assertThat(text("h1")).as(path).isNotIn("Sorry, something went wrong", "Page not found", "You cannot see this page",
                "This page cannot be shown");
        everyControlIsLabelled();
        assertThat(Accessibility.lowContrastText(browser.driver)).as("text below WCAG contrast on " + path).isEmpty();
    }

    /**
     * The chart's value axis is drawn: labels with their unit (what the axis formatter gave uPlot to draw, recorded on
     * the element), and ink on the canvas left of the plot where they go (an axis without ticks leaves it blank).
     */
    private void yAxisIsLabelled(String chartId, String unit) {
        String labels = browser.driver.findElement(By.id(chartId)).getAttribute("data-y-labels");
        assertThat(labels).as(chartId + " y-axis labels").isNotBlank();
        assertThat(labels.split("\\|")).as(chartId).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(l -> l.matches("[0-9][0-9.,]*(e-?[0-9]+)? " + unit), "a number and " + unit);
        Number ink = (Number) browser.driver.executeScript("""
                const root = document.getElementById(arguments[0]);
                const canvas = root.querySelector('canvas');
                const left = Math.floor(root.querySelector('.u-over').offsetLeft * canvas.width / canvas.clientWidth);
                const px = canvas.getContext('2d').getImageData(0, 0, Math.max(1, left - 8), canvas.height).data;
                let n = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
                return n;""", chartId);
        assertThat(ink.longValue()).as(chartId + " pixels drawn in the y-axis gutter").isGreaterThan(50);
    }

    @Test
    @Order(1)
    void publicPagesRenderAndTheFirstTabStopSkipsToContent() throws Exception {
        open("/");
        assertThat(browser.driver.getTitle()).isEqualTo("Overview – computegov");
        assertThat(text("h1")).contains("Who has compute");
        assertThat(text(".cg-figures")).contains("Usage records").contains("FLOP");
        assertThat(text("main")).contains("Latest checkpoint").contains("computegov.local/log");
        browser.screenshot("01-overview");
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to main content");
        assertThat(Accessibility.tabStopsWithoutVisibleFocus(browser.driver, 12)).as("tab stops without visible focus").isEmpty();
        for (String path : List.of("/", "/console/knowledge/chips", "/console/knowledge/estimate",
                "/console/knowledge/thresholds", "/console/knowledge/trends", "/console/log", "/console/sign-in")) {
            open(path);
            pageIsSound(path);
        }
        assertThat(Accessibility.tabStopsWithoutVisibleFocus(browser.driver, 8)).as("sign-in tab stops").isEmpty();
        // The browser may fill the sign-in fields: their purpose is named (WCAG 1.3.5).
        assertThat(browser.driver.findElement(By.id("username")).getAttribute("autocomplete")).isEqualTo("username");
    }

    @Test
    @Order(2)
    void knowledgeFormsAnswerAndPutBadInputBesideItsField() throws Exception {
        open("/console/knowledge/chips");
        browser.driver.findElement(By.id("chip")).sendKeys("H20", Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("chip=H20"));
        assertThat(text("#result-title")).contains("H20").contains("not covered");
        browser.screenshot("02-knowledge-chips");

        open("/console/knowledge/estimate");
        browser.driver.findElement(By.id("params")).sendKeys("175e9");
        browser.driver.findElement(By.id("tokens")).sendKeys("300e9", Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("tokens=300e9"));
        assertThat(text("#estimate-flop")).isEqualTo("3.15 × 10²³ FLOP");
        browser.screenshot("03-knowledge-estimate");

        open("/console/knowledge/thresholds?flop=3.8e25&date=2026-03-01");
        assertThat(text("#findings")).contains("crossed").contains("2026-03-15");
        browser.screenshot("04-knowledge-thresholds");

        open("/console/knowledge/trends");
        waiting().until(d -> !d.findElements(By.cssSelector("#trends-chart canvas")).isEmpty());
        assertThat(text("#frontier")).contains("Grok-3");
        assertThat(text("main")).contains("Doubling time").contains("Epoch AI");
        browser.screenshot("18-knowledge-trends");
        open("/console/knowledge/trends?from=soon");
        assertThat(text("h1")).isEqualTo("This page cannot be shown");
        assertThat(text("main")).contains("soon");

        open("/console/knowledge/thresholds?flop=lots");
        assertThat(text(".govuk-error-summary")).contains("There is a problem");
        browser.driver.findElement(By.cssSelector(".govuk-error-summary__list a")).click();
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("flop");
        assertThat(text("#flop-error")).isNotBlank();
        browser.screenshot("05-knowledge-error");
    }

    @Test
    @Order(3)
    void inclusionIsVerifiedInTheBrowserAndATamperedProofFailsVisibly() throws Exception {
        open("/console/log");
        assertThat(Long.parseLong(text("#log-size"))).isGreaterThan(10);
        browser.screenshot("06-log");
        browser.driver.findElement(By.id("index")).sendKeys("7", Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("/console/log/entries/7"));
        WebElement status = browser.driver.findElement(By.id("inclusion-status"));
        waiting().until(d -> !"pending".equals(status.getAttribute("data-state")));
        assertThat(status.getAttribute("data-state")).isEqualTo("verified");
        assertThat(text("#inclusion-steps")).contains("equals the checkpoint's root");
        browser.screenshot("07-log-entry-verified");

        // One bit of one proof hash changed: the walk reaches another root.
        browser.driver.executeScript("const b = document.getElementById('inclusion');"
                + "const p = b.dataset.proof.split(',');"
                + "const bytes = Uint8Array.from(atob(p[0]), c => c.charCodeAt(0)); bytes[0] ^= 1;"
                + "p[0] = btoa(String.fromCharCode(...bytes)); b.dataset.proof = p.join(',');");
        browser.driver.findElement(By.id("verify-inclusion")).click();
        waiting().until(d -> "failed".equals(status.getAttribute("data-state")));
        assertThat(status.getText()).startsWith("Not verified");
        assertThat(browser.driver.findElement(By.id("inclusion")).getAttribute("class")).contains("cg-verify--fail");
        browser.screenshot("08-log-entry-tampered");

        // The real proof again, but the entry's bytes changed: the leaf hash differs, so does the root.
        open("/console/log/entries/7");
        waiting().until(d -> "verified".equals(d.findElement(By.id("inclusion-status")).getAttribute("data-state")));
        browser.driver.executeScript("const b = document.getElementById('inclusion');"
                + "const s = atob(b.dataset.entry);"
                + "b.dataset.entry = btoa(s.slice(0, 20) + (s[20] === 'x' ? 'y' : 'x') + s.slice(21));");
        browser.driver.findElement(By.id("verify-inclusion")).click();
        waiting().until(d -> "failed".equals(d.findElement(By.id("inclusion-status")).getAttribute("data-state")));

        open("/console/log/entries/999999");
        assertThat(text("h1")).isEqualTo("Page not found");
    }

    @Test
    @Order(4)
    void everyDemoUserSignsInAsTheirActor() throws Exception {
        assertThat(passwords.keySet()).containsExactly("regulator", "cloud-a", "cloud-b", "frontier-lab", "bio-lab", "eval-inst");
        for (Map.Entry<String, String> u : passwords.entrySet()) {
            signIn(u.getKey(), u.getValue());
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(url("/"));
            assertThat(text(".cg-header__user")).contains(u.getKey());
            List<String> nav = browser.driver.findElements(By.cssSelector("#navigation a")).stream()
                    .map(a -> a.getAttribute("href")).toList();
            assertThat(nav).as(u.getKey() + "'s navigation").isNotEmpty();
            for (String href : nav) {
                browser.driver.get(href);
                pageIsSound(u.getKey() + " " + href);
            }
            open("/console/account");
            assertThat(text("#account-username")).isEqualTo(u.getKey());
            if (u.getKey().equals("cloud-a")) {
                assertThat(text("main")).contains("compute-provider").contains("Cloud A Compute Inc.");
                browser.screenshot("09-account");
            }
            signOut();
            open("/console/account");
            assertThat(browser.driver.getCurrentUrl()).contains("/console/sign-in");
        }
    }

    @Test
    @Order(4)
    void eachRoleSeesWhatTheApiWouldShowItAndNothingByEditingAUrl() throws Exception {
        signIn("regulator", passwords.get("regulator"));
        open("/console/compute");
        assertThat(text("#runs")).contains("Frontier 1 pre-training").contains("Protein language model");
        assertThat(text("#owners")).contains("Orion Capital Partners");
        browser.screenshot("13-compute-regulator");
        open("/console/compute/runs/frontier-lab/frontier-1");
        assertThat(text("h1")).isEqualTo("Frontier 1 pre-training");
        waiting().until(d -> !d.findElements(By.cssSelector("#run-chart canvas")).isEmpty());
        assertThat(text("#run-findings")).contains("EU-AIA-51").contains("crossed");
        yAxisIsLabelled("run-chart", "FLOP");
        assertThat(browser.driver.findElement(By.id("run-chart")).getAttribute("data-y-labels")).contains("e25 FLOP");
        browser.screenshot("14-compute-run");
        open("/console/customers");
        assertThat(text("#customers")).contains("Southwind Analytics FZE").contains("Northwind Compute");
        open("/console/customers?review=1");
        assertThat(text("#customers")).contains("Zorblat Quantum Dynamics").doesNotContain("Northwind");
        browser.screenshot("15-customers-to-review");
        open("/console/licences");
        assertThat(text("#licences")).contains("L-DEMO-1").contains("L-DEMO-2").contains("suspended");
        browser.screenshot("19-licences");
        browser.driver.findElement(By.linkText("L-DEMO-2")).click();
        assertThat(text("h1")).isEqualTo("Licence L-DEMO-2");
        assertThat(text("#burn-down")).contains("Used").contains("Available");
        assertThat(text("main")).contains("budget exhausted").contains("Overrun");
        open("/console/licences/L-DEMO-1");
        assertThat(text("#tranches")).contains("released").contains("not released");
        browser.screenshot("20-licence-burn-down");
        open("/console/chips");
        assertThat(text("#holdings")).contains("cloud-a").contains("cloud-b");
        assertThat(text("#concern")).contains("cloud-b");
        assertThat(text("#transfers")).contains("southwind-analytics");
        waiting().until(d -> !d.findElements(By.cssSelector("#capacity-chart canvas")).isEmpty());
        yAxisIsLabelled("capacity-chart", "FLOP");
        browser.screenshot("21-chips-regulator");
        signOut();

        signIn("cloud-a", passwords.get("cloud-a"));
        open("/console/customers");
        assertThat(text("#customers")).contains("Northwind Compute").doesNotContain("Southwind").doesNotContain("kunde-");
        open("/console/customers/cloud-a/acct-northwind");
        assertThat(text("main")).contains("Northwind Compute Pte. Ltd.").contains("Confidential");
        assertThat(browser.driver.getPageSource()).contains("Orion Capital Partners"); // in the record, folded away
        browser.screenshot("16-customer-record");
        // Another provider's customer, by editing the URL: refused, and nothing of the record shows.
        open("/console/customers/cloud-b/kunde-0042");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.driver.getPageSource()).doesNotContain("Southwind").doesNotContain("198.51.100.23");
        browser.screenshot("17-other-providers-customer-refused");
        open("/console/compute/runs/frontier-lab/frontier-1");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        open("/console/compute");
        assertThat(browser.driver.findElements(By.id("runs"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("owners"))).isEmpty();
        // Licences naming cloud-a's clusters only; bio-lab's (cloud-b's) does not exist for cloud-a, as in the API.
        open("/console/licences");
        assertThat(text("#licences")).contains("L-DEMO-1").doesNotContain("L-DEMO-2");
        open("/console/licences/L-DEMO-2");
        assertThat(text("h1")).isEqualTo("Page not found");
        assertThat(browser.driver.getPageSource()).doesNotContain("bio-lab/protein-xl");
        // Its own chips only, and no actors-of-concern table (the regulator's read).
        open("/console/chips");
        assertThat(text("#holdings")).contains("cloud-a").doesNotContain("cloud-b");
        assertThat(browser.driver.findElements(By.id("concern"))).isEmpty();
        assertThat(browser.driver.findElements(By.id("countries"))).isEmpty();
        browser.screenshot("22-chips-provider");
        signOut();

        signIn("frontier-lab", passwords.get("frontier-lab"));
        open("/console/compute");
        assertThat(text("#runs")).contains("Frontier 1 pre-training").doesNotContain("Protein");
        assertThat(browser.driver.findElements(By.linkText("Customers"))).isEmpty();
        open("/console/compute/runs/bio-lab/protein-1");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        open("/console/customers");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        open("/console/licences");
        assertThat(text("#licences")).contains("L-DEMO-1").doesNotContain("L-DEMO-2");
        open("/console/licences/L-DEMO-2");
        assertThat(text("h1")).isEqualTo("Page not found");
        assertThat(browser.driver.findElements(By.linkText("Chips"))).isEmpty();
        open("/console/chips");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        signOut();
    }

    @Test
    @Order(4)
    void deploymentPagesShowModelsIncidentsOrdersAndSwitchesWithinEachRolesReads() throws Exception {
        signIn("regulator", passwords.get("regulator"));
        open("/console/models");
        pageIsSound("/console/models");
        assertThat(text("#models")).contains("frontier-1-chat").contains("frontier-lab/frontier-1");
        assertThat(text("#certificates")).contains("eval-inst/EI-2026-007").contains("frontier-safety-suite").contains("passed");
        assertThat(text("#authorizations")).contains("AUTH-DEMO-1").contains("valid").contains("cloud-a");
        browser.screenshot("24-models");
        browser.driver.findElement(By.linkText("frontier-1-chat")).click();
        assertThat(text("h1")).isEqualTo("frontier-1-chat");
        assertThat(text("#notification")).isNotBlank();
        assertThat(text(".cg-figures")).contains("Evaluation certificates").contains("1 passed");
        open("/console/models/frontier-lab~no-such-model");
        assertThat(text("h1")).isEqualTo("Page not found");

        open("/console/deployments");
        pageIsSound("/console/deployments");
        assertThat(text("#deployments")).contains("cloud-a/chat-us-1").contains("AUTH-DEMO-1");
        assertThat(text("#incidents")).contains("bio-lab/INC-1").contains("high");
        assertThat(text("#orders")).contains("ORD-DEMO-1").contains("throttle").contains("acknowledged");
        assertThat(text("#switches")).contains("cloud-a-shared-1").contains("2 of 3").contains("regulator (halt)")
                .contains("1 more to halt");
        browser.screenshot("25-deployments");
        browser.driver.findElement(By.cssSelector("#deployments a")).click();
        assertThat(text("h1")).isEqualTo("Deployment cloud-a/chat-us-1");
        // The whole chain, the deployer's KYC identity included for the regulator.
        assertThat(text("#attribution")).contains("acct-frontier at cloud-a: Frontier Lab Inc.").contains("frontier-1-chat")
                .contains("frontier-lab/frontier-1").contains("cloud-a: ").contains("usage records");
        assertThat(text("#incidents")).contains("INC-1");
        assertThat(text("#orders")).contains("ORD-DEMO-1");
        browser.screenshot("26-deployment-attribution");
        signOut();
        // An order past its deadlines is shown overdue and escalated (the console's clock moved past them).
        clock.advance(Duration.ofDays(3));
        try {
            signIn("regulator", passwords.get("regulator"));
            open("/console/deployments");
            assertThat(text("#orders")).contains("overdue").contains("escalated to level");
            browser.screenshot("27-order-overdue");
            signOut();
        } finally {
            clock.advance(Duration.ofDays(-3));
        }

        // A developer: the public reads, but no orders (the API refuses them) and no KYC identity in attribution.
        signIn("frontier-lab", passwords.get("frontier-lab"));
        open("/console/deployments");
        assertThat(text("#deployments")).contains("cloud-a/chat-us-1");
        assertThat(browser.driver.findElements(By.id("orders"))).isEmpty();
        assertThat(browser.driver.getPageSource()).doesNotContain("ORD-DEMO-1");
        open("/console/deployments/cloud-a~chat-us-1");
        // (The header names the signed-in actor, Frontier Lab Inc.; the account's KYC record is what must not show.)
        assertThat(text("#attribution")).contains("acct-frontier at cloud-a").contains("frontier-lab/frontier-1")
                .doesNotContain("Frontier Lab Inc.").doesNotContain("KYC");
        assertThat(browser.driver.getPageSource()).doesNotContain("ORD-DEMO-1");
        signOut();

        // Another provider: orders are its own only, so cloud-a's order is not there.
        signIn("cloud-b", passwords.get("cloud-b"));
        open("/console/deployments");
        assertThat(text("#orders")).doesNotContain("ORD-DEMO-1");
        assertThat(browser.driver.getPageSource()).doesNotContain("ORD-DEMO-1").doesNotContain("Frontier Lab Inc.");
        signOut();
    }

    @Test
    @Order(5)
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        signIn("regulator", passwords.get("regulator"));
        // A sign-out form built without the token: the console refuses it and the session survives.
        browser.driver.executeScript("const f = document.createElement('form'); f.method = 'post';"
                + "f.action = '/console/sign-out'; document.body.appendChild(f); f.submit();");
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("This form could not be accepted"));
        browser.screenshot("10-csrf-refused");
        open("/console/account");
        assertThat(text("#account-username")).isEqualTo("regulator");

        // Outside a browser too: a POST with no token (and no cookie) is a 403 and signs nobody in.
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/console/sign-in")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=regulator&password=" + passwords.get("regulator"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().allValues("set-cookie")).noneMatch(c -> c.startsWith("cgov_session="));
        signOut();
    }

    @Test
    @Order(6)
    void anExpiredSessionSendsTheUserToSignInAndBack() throws Exception {
        signIn("cloud-b", passwords.get("cloud-b"));
        open("/console/account");
        assertThat(text("#account-username")).isEqualTo("cloud-b");
        clock.advance(Duration.ofMinutes(31));
        open("/console/account");
        assertThat(browser.driver.getCurrentUrl()).contains("/console/sign-in").contains("expired=1");
        assertThat(text("#notice")).contains("Your session has ended");
        browser.screenshot("11-session-expired");
        browser.driver.findElement(By.id("username")).sendKeys("cloud-b");
        browser.driver.findElement(By.id("password")).sendKeys(passwords.get("cloud-b"), Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("/console/account"));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(url("/console/account"));
        signOut();
    }

    @Test
    @Order(7)
    void wrongPasswordsAreRefusedAndThenThrottled() throws Exception {
        for (int i = 0; i < 5; i++) {
            signIn("frontier-lab", "not the password " + i);
            assertThat(text(".govuk-error-summary")).contains("The username or password is not right.");
        }
        browser.screenshot("12-sign-in-refused");
        signIn("frontier-lab", passwords.get("frontier-lab"));
        assertThat(text(".govuk-error-summary")).contains("Too many failed sign-ins");
        assertThat(browser.driver.getCurrentUrl()).contains("/console/sign-in");
    }

    @Test
    @Order(8)
    void overTlsTheConsoleIsServedWithSecureHostOnlyCookies() throws Exception {
        // A self-signed certificate for localhost, as openssl writes it (PKCS#8 key), through the one HTTP gate.
        Path tls = Files.createDirectories(data.resolve("tls"));
        Path cert = tls.resolve("cert.pem");
        Path key = tls.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-subj",
                "/CN=localhost", "-days", "1").redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor()).as(said).isZero();
        try (CgovServer https = CgovServer.start(new ServerOptions(0, tls.resolve("data"), null, null, null, false, null,
                null, LogOptions.defaults()), new WebOptions(cert, key, null), clock)) {
            String base = "https://localhost:" + https.port();
            assertThat(https.url("localhost")).isEqualTo(base);
            browser.driver.get(base + "/console/sign-in");
            assertThat(text("h1")).isEqualTo("Sign in");
            pageIsSound("/console/sign-in over TLS");
            // The CSRF cookie is bound to this host over TLS only: Secure, HttpOnly and the __Host- prefix.
            Cookie csrf = browser.driver.manage().getCookieNamed("__Host-cgov_csrf");
            assertThat(csrf).isNotNull();
            assertThat(csrf.isSecure()).isTrue();
            assertThat(csrf.isHttpOnly()).isTrue();
            assertThat(csrf.getPath()).isEqualTo("/");
            browser.screenshot("23-sign-in-over-tls");
            // A wrong password over TLS is refused like over HTTP (the form, its token and the gate all work).
            browser.driver.findElement(By.id("username")).sendKeys("nobody");
            browser.driver.findElement(By.id("password")).sendKeys("not a password", Keys.ENTER);
            waiting().until(d -> !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
            assertThat(text(".govuk-error-summary")).contains("The username or password is not right.");
            // Plain HTTP to the TLS listener gets no page.
            String plain;
            try {
                plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + https.port()
                        + "/console/sign-in")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
            } catch (java.io.IOException refused) {
                plain = "";
            }
            assertThat(plain).doesNotContain("Sign in");
        }
    }
}
