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
import com.fasterxml.jackson.databind.JsonNode;
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

    private org.computegov.registry.statement.StatementWriter as(String actor) throws Exception {
        return new org.computegov.registry.statement.StatementWriter(org.computegov.ledger.keys.KeyFiles.readSignerKey(
                data.resolve("demo-keys/" + actor + ".key")), actor, clock);
    }

    private long submit(org.computegov.registry.statement.Submission s) throws Exception {
        return server.registry().submit(s).logIndex();
    }

    /** A customer of {@code provider} (as the demo's are) with one beneficial owner of its own. */
    private void bulkCustomer(org.computegov.registry.statement.StatementWriter provider, String id, String owner)
            throws Exception {
        var m = org.computegov.api.Json.mapper();
        var r = m.createObjectNode().put("customerId", id).put("customerType", "ORGANIZATION").put("legalName", "Customer " + id);
        r.putArray("aliases");
        var address = r.putObject("address");
        address.putArray("lines").add("1 Example Street");
        address.put("city", "Example City").put("country", "US");
        r.put("country", "US");
        r.putArray("beneficialOwners").addObject().put("name", owner).put("country", "US");
        r.putArray("paymentMeans").addObject().put("kind", "WIRE").put("reference", "****1234");
        r.put("email", "compliance@" + id + ".example").put("phone", "+15555550100");
        r.putObject("verification").put("method", "DOCUMENTARY").put("evidence", "registry extract on file")
                .put("date", clock.instant().minus(Duration.ofDays(120)).toString().substring(0, 10)).put("state", "VERIFIED");
        r.put("riskRating", "LOW");
        submit(org.computegov.customers.CustomerStatements.customerRecord(provider, m.writeValueAsBytes(r)));
    }

    /** A model's usual files, their digests SHA-256 of their names: a distinct OMS root per name. */
    private static org.computegov.deployment.oms.Manifest model(String name) throws Exception {
        List<org.computegov.deployment.oms.Resource> rs = new java.util.ArrayList<>();
        for (String f : List.of("config.json", "model.safetensors")) {
            rs.add(new org.computegov.deployment.oms.Resource(org.computegov.deployment.oms.ResourceKey.file(f), "sha256",
                    java.security.MessageDigest.getInstance("SHA-256").digest((name + "/" + f).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        return new org.computegov.deployment.oms.Manifest(name, new org.computegov.deployment.oms.Serialization.Files(false,
                org.computegov.deployment.oms.Serialization.GIT_PATHS), rs);
    }

    /** The pager under a list: its "Showing a–b of n" line. */
    private String shown(String param) {
        return text("#" + param + "-shown");
    }

    private String href(String param, String rel) {
        return browser.driver.findElement(By.cssSelector("#" + param + "-shown ~ div a[rel='" + rel + "']")).getAttribute("href");
    }

    /** The list items of a page's list, in order. */
    private List<String> items(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    @Test
    @Order(9)
    void longListsArePagedAndALicencesAmendmentsShow() throws Exception {
        // More of everything than a page holds (25 rows), each submitted through the registry as its actor would.
        var lab = as("frontier-lab");
        var regulator = as("regulator");
        var cloud = as("cloud-a");
        var bio = as("bio-lab");
        var eval = as("eval-inst");
        java.time.Instant now = clock.instant();
        for (int i = 1; i <= 25; i++) {
            String n = String.format("%02d", i);
            // Fine-tunes of frontier-1: each inherits its compute, so each crosses what it crossed (obligations, alerts).
            submit(org.computegov.accounting.AccountingStatements.runDeclaration(lab, org.computegov.api.Json.mapper()
                    .writeValueAsBytes(org.computegov.api.Json.mapper().createObjectNode().put("runId", "tune-" + n)
                            .put("name", "Fine-tune " + n).put("plannedFlop", 1e22).put("baseRun", "frontier-lab/frontier-1")
                            .put("dataDomain", "general"))));
            var m = model("bulk-model-" + n);
            submit(org.computegov.deployment.registry.DeploymentStatements.model(lab, lab.predicate(), "bulk-model-" + n, m,
                    null, null));
            submit(org.computegov.deployment.registry.DeploymentStatements.certify(eval, eval.predicate(), "EI-B" + n,
                    m.rootHex(), "frontier-safety-suite", "2.1", org.computegov.registry.kernel.Json.object().put("autonomy", "low"),
                    "passed", java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(1)));
            submit(org.computegov.deployment.registry.DeploymentStatements.authorize(regulator, regulator.predicate(),
                    org.computegov.deployment.authorization.Authorization.of("AUTH-B" + n, m, true, List.of("US"),
                            List.of("cloud-a"), Map.of(), now.minusSeconds(60), java.util.Optional.empty())));
            submit(org.computegov.deployment.registry.DeploymentStatements.deployment(cloud, cloud.predicate(), "bulk-" + n,
                    "acct-frontier", m.rootHex(), "https://bulk-" + n + ".example/v1", "US", "AUTH-B" + n));
            submit(org.computegov.deployment.registry.DeploymentStatements.incident(bio, bio.predicate(), "INC-B" + n,
                    "cloud-a/chat-us-1", "low", "Bulk incident " + n, null));
            submit(org.computegov.deployment.registry.DeploymentStatements.order(regulator, regulator.predicate(), "ORD-B" + n,
                    "cloud-a/chat-us-1", "throttle", "Bulk order " + n, now.plus(Duration.ofHours(12)),
                    now.plus(Duration.ofDays(2)), Duration.ofDays(1)));
            submit(org.computegov.deployment.registry.DeploymentStatements.offSwitch(cloud, cloud.predicate(), "sw-b" + n,
                    List.of("cloud-a", "regulator"), 1));
            submit(org.computegov.licensing.LicensingStatements.licence(regulator, new org.computegov.licensing.admission.Licence(
                    "L-BULK-" + n, "frontier-lab", "frontier-lab/tune-" + n, List.of(new org.computegov.licensing.budget.Tranche(1,
                            new java.math.BigInteger("1000000000000000000000000"), "")), java.util.Set.of("cloud-a/*"),
                    java.util.Set.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), List.of()), 1));
        }
        // More runs than a league-table page holds (50): plans without usage or base, so they rank last, by id.
        for (int i = 1; i <= 25; i++) {
            submit(org.computegov.accounting.AccountingStatements.runDeclaration(lab, org.computegov.api.Json.mapper()
                    .writeValueAsBytes(org.computegov.api.Json.mapper().createObjectNode().put("runId", "plan-" + String.format("%02d", i))
                            .put("name", "Plan " + i).put("plannedFlop", 1e20).put("dataDomain", "general"))));
        }
        // More customers than a customers page holds (100), each with its own beneficial owner (over two pages of 50).
        for (int i = 1; i <= 100; i++) {
            bulkCustomer(cloud, String.format("bulk-cust-%03d", i), String.format("Bulk Owner %03d", i));
        }
        // An amendment to L-DEMO-1's terms, by the regulator: one condition more.
        var client = new org.computegov.registry.client.RegistryClient(URI.create(url("")),
                org.computegov.ledger.keys.KeyFiles.readSignerKey(data.resolve("demo-keys/regulator.key")), clock);
        var terms = org.computegov.licensing.admission.LicenceJson.parse(client.get("/api/v1/licences/L-DEMO-1").body().path("terms"));
        var l = terms.licence();
        List<String> conditions = new java.util.ArrayList<>(l.conditions());
        conditions.add("quarterly red-team report");
        long amendedAt = submit(org.computegov.licensing.LicensingStatements.amendment(regulator,
                new org.computegov.licensing.admission.Licence(l.id(), l.developer(), l.run(), l.tranches(), l.clusters(),
                        l.accounts(), l.validFrom(), l.validUntil(), conditions), terms.tranchesReleased(), 1,
                "red-teaming added after the interim evaluation"));

        signIn("regulator", passwords.get("regulator"));
        // Deployments: page 1 of 26 (bulk-01 … bulk-25 sort before chat-us-1), page 2 the last one.
        open("/console/deployments");
        pageIsSound("/console/deployments");
        assertThat(browser.driver.findElements(By.cssSelector("#deployments tbody tr"))).hasSize(25);
        assertThat(text("#deployments")).contains("cloud-a/bulk-01").contains("cloud-a/bulk-25").doesNotContain("chat-us-1");
        assertThat(shown("deployments-page")).isEqualTo("Showing 1–25 of 26 deployments");
        assertThat(text(".cg-figures")).contains("26").contains("0 overdue");
        assertThat(text("#incidents")).contains("bio-lab/INC-1").contains("INC-B24").doesNotContain("INC-B25");
        assertThat(text("#orders")).contains("ORD-DEMO-1").contains("ORD-B24").doesNotContain("ORD-B25");
        assertThat(text("#switches")).contains("cloud-a-shared-1").contains("sw-b24").doesNotContain("sw-b25");
        assertThat(browser.driver.findElements(By.cssSelector("#deployments-page-shown ~ div a[rel='prev']"))).isEmpty();
        browser.screenshot("40-deployments-paged");
        // Next page of one list keeps the others' pages.
        open("/console/deployments?incidents-page=2");
        assertThat(text("#incidents")).contains("INC-B25").doesNotContain("INC-B24");
        assertThat(href("deployments-page", "next")).endsWith("/console/deployments?incidents-page=2&deployments-page=2");
        browser.driver.findElement(By.cssSelector("#deployments-page-shown ~ div a[rel='next']")).click();
        assertThat(browser.driver.findElements(By.cssSelector("#deployments tbody tr"))).hasSize(1);
        assertThat(text("#deployments")).contains("cloud-a/chat-us-1").doesNotContain("bulk-");
        assertThat(text("#incidents")).contains("INC-B25");
        assertThat(shown("deployments-page")).isEqualTo("Showing 26–26 of 26 deployments");
        assertThat(href("deployments-page", "prev")).endsWith("deployments-page=1");
        assertThat(browser.driver.findElements(By.cssSelector("#deployments-page-shown ~ div a[rel='next']"))).isEmpty();
        // Out of range or unreadable: the nearest page, as the other pagers do.
        open("/console/deployments?deployments-page=99&orders-page=2&switches-page=2");
        assertThat(text("#deployments")).contains("chat-us-1").doesNotContain("bulk-");
        assertThat(text("#orders")).contains("ORD-B25").doesNotContain("ORD-DEMO-1");
        assertThat(text("#switches")).contains("sw-b25").doesNotContain("cloud-a-shared-1");
        open("/console/deployments?deployments-page=two");
        assertThat(text("#deployments")).contains("bulk-01");
        assertThat(shown("deployments-page")).startsWith("Showing 1–25");
        // A deployment's own incidents and orders are paged too.
        open("/console/deployments/cloud-a~chat-us-1");
        assertThat(text("#attribution")).contains("frontier-lab/frontier-1");
        assertThat(shown("incidents-page")).isEqualTo("Showing 1–25 of 26 incidents");
        assertThat(shown("orders-page")).isEqualTo("Showing 1–25 of 26 orders");
        open("/console/deployments/cloud-a~chat-us-1?incidents-page=2&orders-page=2");
        assertThat(text("#incidents")).contains("INC-B25").doesNotContain("INC-1 ");
        assertThat(text("#orders")).contains("ORD-B25").doesNotContain("ORD-DEMO-1");

        // Models, certificates and authorizations: 26 each.
        open("/console/models");
        pageIsSound("/console/models");
        assertThat(text("#models")).contains("bulk-model-01").doesNotContain("frontier-1-chat");
        assertThat(shown("models-page")).isEqualTo("Showing 1–25 of 26 models");
        assertThat(shown("certificates-page")).isEqualTo("Showing 1–25 of 26 certificates");
        assertThat(shown("authorizations-page")).isEqualTo("Showing 1–25 of 26 authorizations");
        open("/console/models?models-page=2&certificates-page=2&authorizations-page=2");
        assertThat(text("#models")).contains("frontier-1-chat").doesNotContain("bulk-model");
        assertThat(text("#certificates")).contains("EI-B25").doesNotContain("EI-2026-007");
        assertThat(text("#authorizations")).contains("AUTH-B25").doesNotContain("AUTH-DEMO-1");

        // A model's own certificates and authorizations: 25 more of each for bulk-model-01, 26 in all.
        var bulk1 = model("bulk-model-01");
        for (int i = 1; i <= 25; i++) {
            String n = String.format("%02d", i);
            submit(org.computegov.deployment.registry.DeploymentStatements.certify(eval, eval.predicate(), "EI-M" + n,
                    bulk1.rootHex(), "frontier-safety-suite", "2.1", org.computegov.registry.kernel.Json.object().put("autonomy", "low"),
                    i % 2 == 0 ? "passed" : "failed", java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(1)));
            submit(org.computegov.deployment.registry.DeploymentStatements.authorize(regulator, regulator.predicate(),
                    org.computegov.deployment.authorization.Authorization.of("AUTH-M" + n, bulk1, true, List.of("US"),
                            List.of("cloud-a"), Map.of(), now.minusSeconds(60), java.util.Optional.empty())));
        }
        open("/console/models/frontier-lab~bulk-model-01");
        pageIsSound("/console/models/frontier-lab~bulk-model-01");
        assertThat(shown("certificates-page")).isEqualTo("Showing 1–25 of 26 certificates");
        assertThat(shown("authorizations-page")).isEqualTo("Showing 1–25 of 26 authorizations");
        assertThat(text(".cg-figures")).contains("13 passed").contains("26 valid");
        assertThat(text("#certificates")).contains("eval-inst/EI-B01").contains("EI-M24").doesNotContain("EI-M25");
        assertThat(text("#authorizations")).contains("AUTH-B01").contains("AUTH-M24").doesNotContain("AUTH-M25");
        assertThat(href("certificates-page", "next")).endsWith("/console/models/frontier-lab~bulk-model-01?certificates-page=2");
        browser.driver.findElement(By.cssSelector("#certificates-page-shown ~ div a[rel='next']")).click();
        assertThat(browser.driver.findElements(By.cssSelector("#certificates tbody tr"))).hasSize(1);
        assertThat(text("#certificates")).contains("EI-M25").doesNotContain("EI-B01");
        assertThat(text("#authorizations")).contains("AUTH-B01"); // the other list stays on its page
        open("/console/models/frontier-lab~bulk-model-01?authorizations-page=7&certificates-page=x");
        assertThat(text("#authorizations")).contains("AUTH-M25").doesNotContain("AUTH-B01");
        assertThat(text("#certificates")).contains("EI-B01");
        open("/console/models/frontier-lab~bulk-model-02");
        assertThat(browser.driver.findElements(By.id("certificates-page-shown"))).isEmpty();
        assertThat(text("#certificates")).contains("EI-B02");

        // The league tables: ranked in SQL as the API's figures rank them, 50 a page.
        JsonNode apiRuns = client.get("/api/v1/registry/runs").body();
        List<String> runOrder = new java.util.ArrayList<>();
        apiRuns.forEach(r -> runOrder.add(r.path("developer").asText() + "/" + r.path("runId").asText()));
        java.util.Map<String, Double> cumulative = new java.util.HashMap<>();
        apiRuns.forEach(r -> cumulative.put(r.path("developer").asText() + "/" + r.path("runId").asText(),
                r.path("cumulativeFlop").asDouble()));
        runOrder.sort(java.util.Comparator.comparing((String id) -> -cumulative.get(id)).thenComparing(id -> id));
        assertThat(runOrder.size()).isGreaterThan(50).isLessThanOrEqualTo(100);
        open("/console/compute");
        assertThat(items("#runs tbody tr td:nth-child(2) .cg-muted")).isEqualTo(runOrder.subList(0, 50));
        assertThat(items("#runs tbody tr td:first-child")).startsWith("1", "2").endsWith("50");
        assertThat(shown("runs-page")).isEqualTo("Showing 1–50 of " + runOrder.size() + " runs");
        assertThat(href("runs-page", "next")).endsWith("/console/compute?runs-page=2");
        open("/console/compute?runs-page=2&owners-page=2");
        assertThat(items("#runs tbody tr td:nth-child(2) .cg-muted")).isEqualTo(runOrder.subList(50, runOrder.size()));
        assertThat(items("#runs tbody tr td:first-child").get(0)).isEqualTo("51");
        assertThat(href("runs-page", "prev")).endsWith("/console/compute?owners-page=2&runs-page=1");
        open("/console/compute?runs-page=99");
        assertThat(items("#runs tbody tr td:nth-child(2) .cg-muted")).isEqualTo(runOrder.subList(50, runOrder.size()));
        JsonNode apiOwners = client.get("/api/v1/registry/owners").body();
        List<JsonNode> ownerOrder = new java.util.ArrayList<>();
        apiOwners.forEach(ownerOrder::add);
        ownerOrder.sort(java.util.Comparator.comparing((JsonNode o) -> -o.path("flop").asDouble())
                .thenComparing(o -> o.path("ownerKey").asText()));
        assertThat(ownerOrder.size()).isGreaterThan(100).isLessThanOrEqualTo(150);
        for (int page = 1; page <= 3; page++) {
            open("/console/compute?owners-page=" + page);
            List<String> names = items("#owners tbody tr td:nth-child(2) strong");
            List<String> expected = ownerOrder.subList((page - 1) * 50, Math.min(ownerOrder.size(), page * 50)).stream()
                    .map(o -> o.path("name").asText()).toList();
            assertThat(names).isEqualTo(expected);
        }
        assertThat(shown("owners-page")).isEqualTo("Showing 101–" + ownerOrder.size() + " of " + ownerOrder.size() + " owners");
        assertThat(items("#owners tbody tr td:nth-child(2) strong").get(0)).isNotEqualTo(ownerOrder.get(0).path("name").asText());

        // Customers: 100 a page, in provider and account order, counted (and the screening hits) in SQL.
        JsonNode apiCustomers = client.get("/api/v1/registry/customers").body();
        assertThat(apiCustomers.size()).isGreaterThan(100).isLessThanOrEqualTo(200);
        open("/console/customers");
        assertThat(shown("page")).isEqualTo("Showing 1–100 of " + apiCustomers.size() + " customers");
        List<String> c1 = items("#customers tbody tr a");
        assertThat(c1).hasSize(100);
        assertThat(c1.get(0)).isEqualTo(apiCustomers.get(0).path("legalName").asText());
        assertThat(c1.get(99)).isEqualTo(apiCustomers.get(99).path("legalName").asText());
        browser.driver.findElement(By.cssSelector("#page-shown ~ div a[rel='next']")).click();
        List<String> c2 = items("#customers tbody tr a");
        assertThat(c2).hasSize(apiCustomers.size() - 100);
        assertThat(c2.get(0)).isEqualTo(apiCustomers.get(100).path("legalName").asText());
        open("/console/customers?page=0");
        assertThat(items("#customers tbody tr a")).isEqualTo(c1);
        long hits = 0;
        for (JsonNode c : apiCustomers) {
            hits += c.path("screeningHits").asLong() > 0 ? 1 : 0;
        }
        open("/console/customers?review=1&page=5");
        assertThat(items("#customers tbody tr")).hasSize((int) hits);
        assertThat(browser.driver.findElements(By.id("page-shown"))).isEmpty();

        // Obligations and alerts on the compute page: a page each, in the API's order.
        JsonNode obligations = client.get("/api/v1/registry/obligations").body();
        JsonNode alerts = client.get("/api/v1/registry/alerts").body();
        assertThat(obligations.size()).isGreaterThan(25);
        assertThat(alerts.size()).isGreaterThan(25);
        open("/console/compute");
        List<String> o1 = items("#obligations li");
        List<String> a1 = items("#alerts li");
        assertThat(o1).hasSize(25);
        assertThat(a1).hasSize(25);
        assertThat(shown("obligations-page")).isEqualTo("Showing 1–25 of " + obligations.size() + " obligations");
        assertThat(shown("alerts-page")).isEqualTo("Showing 1–25 of " + alerts.size() + " alerts");
        for (int i = 0; i < 25; i++) {
            assertThat(o1.get(i)).contains(obligations.get(i).path("what").asText()).contains(obligations.get(i).path("subject").asText());
            assertThat(a1.get(i)).contains(alerts.get(i).path("subject").asText()).contains(alerts.get(i).path("regime").asText());
        }
        browser.driver.findElement(By.cssSelector("#obligations-page-shown ~ div a[rel='next']")).click();
        List<String> o2 = items("#obligations li");
        assertThat(o2).hasSize(Math.min(25, obligations.size() - 25));
        for (int i = 0; i < o2.size(); i++) {
            assertThat(o2.get(i)).contains(obligations.get(25 + i).path("what").asText())
                    .contains(obligations.get(25 + i).path("subject").asText());
        }
        assertThat(items("#alerts li")).isEqualTo(a1); // the other list stays on its page
        open("/console/compute?alerts-page=999");
        int lastAlerts = (alerts.size() - 1) / 25;
        List<String> aLast = items("#alerts li");
        assertThat(aLast).hasSize(alerts.size() - lastAlerts * 25);
        assertThat(aLast.get(aLast.size() - 1)).contains(alerts.get(alerts.size() - 1).path("subject").asText());

        // Licences: 27 for the regulator (L-BULK-01 … 25 sort before L-DEMO-1 and 2).
        open("/console/licences");
        assertThat(shown("page")).isEqualTo("Showing 1–25 of 27 licences");
        assertThat(text("#licences")).contains("L-BULK-01").contains("L-BULK-25").doesNotContain("L-DEMO");
        browser.driver.findElement(By.cssSelector("#page-shown ~ div a[rel='next']")).click();
        assertThat(text("#licences")).contains("L-DEMO-1").contains("L-DEMO-2").doesNotContain("L-BULK");
        // The amendment: who, when, why, what changed, and its log entry (linked to its inclusion proof).
        open("/console/licences/L-DEMO-1");
        pageIsSound("/console/licences/L-DEMO-1");
        assertThat(text("#amendments")).contains("regulator").contains("red-teaming added after the interim evaluation")
                .contains("conditions: monthly evaluation reports, security level SL-3 → monthly evaluation reports,"
                        + " security level SL-3, quarterly red-team report").contains("entry " + amendedAt);
        assertThat(text("#terms")).contains("quarterly red-team report");
        browser.screenshot("41-licence-amendments");
        browser.driver.findElement(By.linkText("entry " + amendedAt)).click();
        assertThat(browser.driver.getCurrentUrl()).endsWith("/console/log/entries/" + amendedAt);
        open("/console/licences/L-DEMO-2");
        assertThat(text("#amendments")).isEqualTo("The licence has not been amended.");
        signOut();

        // A provider's licences are paged over what it may read: cloud-a's clusters are on 26, not on L-DEMO-2.
        signIn("cloud-a", passwords.get("cloud-a"));
        open("/console/licences?page=2");
        assertThat(shown("page")).isEqualTo("Showing 26–26 of 26 licences");
        assertThat(text("#licences")).contains("L-DEMO-1").doesNotContain("L-DEMO-2");
        open("/console/licences/L-DEMO-1");
        assertThat(text("#amendments")).contains("quarterly red-team report");
        signOut();
        signIn("cloud-b", passwords.get("cloud-b"));
        open("/console/licences");
        assertThat(text("#licences")).contains("L-DEMO-1").contains("L-DEMO-2").doesNotContain("L-BULK");
        assertThat(browser.driver.findElements(By.id("page-shown"))).isEmpty();
        signOut();
    }
}
