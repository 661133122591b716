package org.computegov.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Licence applications in the console, end to end on the demo world with a real Chromium: the regulator sees the
 * application awaiting a decision first and decides from its page (a signed licence-decision through the registry,
 * CSRF-protected); a decision without reasons is refused and records nothing; the developer reads its own application
 * and the decision but not another developer's and cannot decide; a provider cannot open applications at all.
 */
class ApplicationConsoleBrowserTest extends DemoConsoleBrowserTest {
    @Test
    @Order(1)
    void theRegulatorSeesThePendingApplicationFirstAndAReasonlessRefusalRecordsNothing() throws Exception {
        signIn("regulator");
        open("/console/applications");
        assertThat(text("h1")).isEqualTo("Licence applications");
        var rows = browser.driver.findElements(By.cssSelector("#applications tbody tr"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).getText()).contains("bio-lab/A-PROTEIN-3").contains("3 × 10²⁶ FLOP").contains("32,768 H100")
                .contains("awaiting decision");
        assertThat(rows.get(1).getText()).contains("frontier-lab/A-ATLAS-2").contains("approved").contains("L-DEMO-1");
        browser.screenshot("40-applications");
        browser.driver.findElement(By.linkText("bio-lab/A-PROTEIN-3")).click();
        assertThat(text("h1")).isEqualTo("Application bio-lab/A-PROTEIN-3");
        assertThat(text("main")).contains("needs a licence before training");
        assertThat(text("#application")).contains("protein-3").contains("cloud-b/*").contains("SL-4")
                .contains("Head of Biosafety");
        Accessibility.everyControlIsLabelled(browser.driver);
        assertThat(Accessibility.lowContrastText(browser.driver)).as("text below WCAG contrast").isEmpty();
        long before = server.log().state().size();
        browser.driver.findElement(By.cssSelector("#deny button")).click();
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("This page cannot be shown"));
        assertThat(text("main")).contains("Give the reasons for the decision");
        assertThat(server.log().state().size()).isEqualTo(before);
        signOut();
    }

    @Test
    @Order(2)
    void theRegulatorAsksForChangesFromTheConsole() throws Exception {
        signIn("regulator");
        open("/console/applications/bio-lab~A-PROTEIN-3");
        long before = server.log().state().size();
        browser.driver.findElement(By.id("request-changes-reasons"))
                .sendKeys("Name the accredited evaluator.\nGive the evaluation schedule per checkpoint.");
        browser.driver.findElement(By.cssSelector("#request-changes button")).click();
        waiting().until(ExpectedConditions.urlContains("recorded="));
        assertThat(text("main")).contains("Recorded: your statement is entry");
        assertThat(server.log().state().size()).isEqualTo(before + 1);
        assertThat(text("#decision")).contains("changes-requested").contains("Name the accredited evaluator.")
                .contains("Give the evaluation schedule per checkpoint.");
        assertThat(browser.driver.findElements(By.id("approve"))).isEmpty(); // decided: no forms
        browser.screenshot("41-application-changes-requested");
        signOut();
    }

    @Test
    @Order(3)
    void theDeveloperReadsItsOwnAndCannotDecide() throws Exception {
        signIn("bio-lab");
        open("/console/applications");
        assertThat(text("#applications")).contains("bio-lab/A-PROTEIN-3").doesNotContain("frontier-lab");
        open("/console/applications/bio-lab~A-PROTEIN-3");
        assertThat(text("#decision")).contains("Name the accredited evaluator.");
        open("/console/applications/frontier-lab~A-ATLAS-2");
        assertThat(text("h1")).isEqualTo("Page not found");
        assertThat(browser.driver.getPageSource()).doesNotContain("Frontier Safety Framework");
        // Posting a decision anyway (the page's own token, a form built by hand): refused, nothing stored.
        open("/console/applications/bio-lab~A-PROTEIN-3");
        long before = server.log().state().size();
        browser.driver.executeScript("const f = document.createElement('form'); f.method = 'post';"
                + "f.action = '/console/applications/bio-lab~A-PROTEIN-3/approve'; const t = document.createElement('input');"
                + "t.name = 'csrf'; t.value = document.querySelector('input[name=csrf]').value; f.appendChild(t);"
                + "document.body.appendChild(f); f.submit();");
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("You cannot see this page"));
        assertThat(text("main")).contains("regulator");
        assertThat(server.log().state().size()).isEqualTo(before);
        signOut();

        signIn("cloud-b");
        open("/console/applications");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        open("/console/applications/bio-lab~A-PROTEIN-3");
        assertThat(browser.driver.getPageSource()).doesNotContain("Head of Biosafety");
        signOut();
    }
}
