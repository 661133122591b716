package org.computegov.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The allocations area and the registry's run trends in the console, end to end on the demo world with a real
 * Chromium: the regulator sees calls, proposals and awards with the draw-down chart; a reviewer scores a proposal from
 * the console (a signed alloc-review statement, CSRF-protected), bad input is refused with nothing recorded; a
 * researcher sees its own proposal and award but not another's; a provider not on the award cannot open it.
 */
class AllocationConsoleBrowserTest extends DemoConsoleBrowserTest {
    @Test
    @Order(1)
    void theRegulatorSeesCallsProposalsAndAnAwardDrawnDown() throws Exception {
        signIn("regulator");
        open("/console/allocations");
        assertThat(text("h1")).isEqualTo("Compute allocations");
        assertThat(text("#calls")).contains("nairr-2026-1").contains("open");
        assertThat(text("#resources")).contains("cloud-a-h100").contains("4.0 from").contains("5.0 from");
        assertThat(text("#proposals")).contains("P-bio-1").contains("P-fl-1").contains("awaiting review").contains("awarded");
        assertThat(text("#awards")).contains("A-bio-1").contains("acct-biolab");
        browser.screenshot("30-allocations");
        browser.driver.findElement(By.linkText("A-bio-1")).click();
        assertThat(text("h1")).isEqualTo("Award A-bio-1");
        // bio-lab's 1,024 H100s × 12 days = 294,912 GPU-hours at 4 credits = 1,179,648 of the 1,500,000 released.
        assertThat(text("#draw-down")).contains("1,179,648 credits").contains("320,352 credits");
        assertThat(text("#lines")).contains("294,912");
        waiting().until(d -> !d.findElements(By.cssSelector("#draw-down-chart canvas")).isEmpty());
        browser.screenshot("31-award-draw-down");
        // The regulator reads every proposal but does not review: no form.
        open("/console/allocations/P-fl-1");
        assertThat(browser.driver.findElements(By.id("review"))).isEmpty();
        signOut();
    }

    @Test
    @Order(2)
    void aReviewerScoresFromTheConsoleAndBadInputRecordsNothing() throws Exception {
        signIn("eval-inst");
        open("/console/allocations");
        assertThat(browser.driver.findElements(By.id("awards"))).isEmpty(); // awards are not an evaluator's read
        open("/console/allocations/P-fl-1");
        assertThat(text("#reviews")).isEqualTo("No reviews yet.");
        Accessibility.everyControlIsLabelled(browser.driver);
        assertThat(Accessibility.lowContrastText(browser.driver)).as("text below WCAG contrast").isEmpty();
        browser.driver.findElement(By.id("review-score")).sendKeys("9");
        browser.driver.findElement(By.cssSelector("#review button")).click();
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("This page cannot be shown"));
        assertThat(text("main")).contains("Score must be a whole number from 1 to 5");
        open("/console/allocations/P-fl-1");
        assertThat(text("#reviews")).isEqualTo("No reviews yet.");

        browser.driver.findElement(By.id("review-score")).sendKeys("4");
        var credits = browser.driver.findElement(By.id("review-recommended.cloud-a-h100"));
        credits.clear();
        credits.sendKeys("300000");
        browser.driver.findElement(By.id("review-comments")).sendKeys("Clear plan; trim the request.");
        browser.driver.findElement(By.cssSelector("#review button")).click();
        waiting().until(ExpectedConditions.urlContains("recorded="));
        assertThat(text("main")).contains("Recorded: your statement is entry");
        assertThat(text("#reviews")).contains("eval-inst").contains("4 of 5").contains("300,000 credits")
                .contains("Clear plan");
        assertThat(browser.driver.findElements(By.id("review"))).isEmpty(); // one review per reviewer
        browser.screenshot("32-review-recorded");
        // The statement went through the registry: the API's proposal read shows it.
        signOut();
    }

    @Test
    @Order(3)
    void aResearcherSeesItsOwnAndAProviderNotOnTheAwardIsRefused() throws Exception {
        signIn("bio-lab");
        open("/console/allocations");
        assertThat(text("#proposals")).contains("P-bio-1").doesNotContain("P-fl-1");
        assertThat(text("#awards")).contains("A-bio-1");
        open("/console/allocations/P-fl-1");
        assertThat(text("h1")).isEqualTo("Page not found");
        assertThat(browser.driver.getPageSource()).doesNotContain("Interpretability");
        open("/console/allocations/P-bio-1");
        assertThat(text("#reviews")).contains("a reviewer").doesNotContain("eval-inst"); // scores, not who gave them
        assertThat(browser.driver.findElements(By.id("review"))).isEmpty();
        // Posting a review anyway (the page's own token, a form built by hand): the console refuses, nothing stored.
        browser.driver.executeScript("const f = document.createElement('form'); f.method = 'post';"
                + "f.action = '/console/allocations/P-bio-1/review'; const t = document.createElement('input');"
                + "t.name = 'csrf'; t.value = document.querySelector('input[name=csrf]').value; f.appendChild(t);"
                + "const s = document.createElement('input'); s.name = 'score'; s.value = '5'; f.appendChild(s);"
                + "document.body.appendChild(f); f.submit();");
        waiting().until(d -> d.findElement(By.tagName("h1")).getText().equals("You cannot see this page"));
        assertThat(text("main")).contains("evaluator");
        signOut();

        signIn("cloud-b");
        open("/console/allocations/A-bio-1");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        assertThat(browser.driver.getPageSource()).doesNotContain("acct-biolab");
        open("/console/run-trends");
        assertThat(text("h1")).isEqualTo("You cannot see this page");
        signOut();
    }

    @Test
    @Order(4)
    void theRegistrysRunsAreChartedAgainstTheThresholds() throws Exception {
        signIn("regulator");
        open("/console/run-trends");
        assertThat(text("#runs")).contains("frontier-lab/frontier-1").contains("bio-lab/protein-1");
        waiting().until(d -> !d.findElements(By.cssSelector("#run-trend-chart canvas")).isEmpty());
        assertThat(browser.driver.getPageSource()).contains("EU-AIA-51");
        browser.screenshot("33-run-trends");
        signOut();
        // The knowledge trends page: where each threshold line meets the frontier of Epoch AI's notable models.
        open("/console/knowledge/trends");
        assertThat(text("#crossings")).contains("EU-AIA-51").contains("GPT-4");
        signIn("bio-lab");
        open("/console/run-trends");
        assertThat(text("#runs")).contains("bio-lab/protein-1").doesNotContain("frontier-lab");
        signOut();
    }

    private org.computegov.registry.statement.StatementWriter as(String actor) throws Exception {
        return new org.computegov.registry.statement.StatementWriter(org.computegov.ledger.keys.KeyFiles.readSignerKey(
                data.resolve("demo-keys/" + actor + ".key")), actor, clock);
    }

    private void submit(org.computegov.registry.statement.Submission s) throws Exception {
        server.registry().submit(s);
    }

    private java.util.List<String> cells(String css) {
        return browser.driver.findElements(By.cssSelector(css)).stream().map(org.openqa.selenium.WebElement::getText).toList();
    }

    @Test
    @Order(5)
    void longListsArePaged() throws Exception {
        // 25 proposals more (26 of frontier-lab's, 27 in all), each reviewed and awarded (26 awards), and 25 runs more.
        var lab = as("frontier-lab");
        var regulator = as("regulator");
        var eval = as("eval-inst");
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        for (int i = 1; i <= 25; i++) {
            String n = String.format("%02d", i);
            var p = org.computegov.registry.kernel.Json.object().put("proposal", "P-bulk-" + n).put("call", "nairr-2026-1")
                    .put("project", "Bulk project " + n).put("piName", "Grace Scholar").put("piOrcid", "0000-0001-5109-3700")
                    .put("field", "machine learning").put("tier", "explore").put("justification", "Compute for project " + n + ".");
            p.putObject("requested").put("cloud-a-h100", 1000);
            submit(org.computegov.shaping.allocation.AllocationStatements.proposal(lab, p));
            var review = org.computegov.registry.kernel.Json.object().put("proposal", "P-bulk-" + n).put("score", 4)
                    .put("comments", "Fine.");
            review.putObject("recommended").put("cloud-a-h100", 1000);
            submit(org.computegov.shaping.allocation.AllocationStatements.review(eval, review));
            var award = org.computegov.registry.kernel.Json.object().put("award", "A-bulk-" + n).put("proposal", "P-bulk-" + n)
                    .put("account", "acct-bulk-" + n).put("start", today.minusDays(1).toString())
                    .put("end", today.plusDays(90).toString());
            award.putArray("users").add("grace");
            award.putObject("awarded").put("cloud-a-h100", 1000);
            submit(org.computegov.shaping.allocation.AllocationStatements.award(regulator, award));
            submit(org.computegov.accounting.AccountingStatements.runDeclaration(lab, org.computegov.api.Json.mapper()
                    .writeValueAsBytes(org.computegov.api.Json.mapper().createObjectNode().put("runId", "plan-" + n)
                            .put("name", "Plan " + n).put("plannedFlop", 1e20 * i).put("dataDomain", "general"))));
        }
        signIn("regulator");
        open("/console/allocations");
        // Proposals by id: A…, P-bio-1, P-bulk-01 … P-bulk-25, P-fl-1; awards: A-bio-1, A-bulk-01 … A-bulk-25.
        assertThat(text("#proposals-page-shown")).isEqualTo("Showing 1–25 of 27 proposals");
        assertThat(text("#awards-page-shown")).isEqualTo("Showing 1–25 of 26 awards");
        assertThat(text(".cg-figures")).contains("27").contains("26");
        assertThat(text("#proposals")).contains("P-bio-1").contains("P-bulk-24").doesNotContain("P-bulk-25");
        assertThat(text("#awards")).contains("A-bio-1").contains("A-bulk-24").doesNotContain("A-bulk-25");
        assertThat(browser.driver.findElement(By.cssSelector("#awards-page-shown ~ div a[rel='next']")).getAttribute("href"))
                .endsWith("/console/allocations?awards-page=2");
        open("/console/allocations?proposals-page=2&awards-page=2");
        assertThat(cells("#proposals tbody tr td:first-child")).containsExactly("P-bulk-25", "P-fl-1");
        assertThat(cells("#awards tbody tr td:first-child")).containsExactly("A-bulk-25");
        assertThat(browser.driver.findElement(By.cssSelector("#awards-page-shown ~ div a[rel='prev']")).getAttribute("href"))
                .endsWith("/console/allocations?proposals-page=2&awards-page=1");
        open("/console/allocations?proposals-page=99&awards-page=-3");
        assertThat(cells("#proposals tbody tr td:first-child")).containsExactly("P-bulk-25", "P-fl-1");
        assertThat(text("#awards")).contains("A-bio-1");
        // A proposal's page is read by its id (here one on the second page).
        open("/console/allocations/P-bulk-25");
        assertThat(text("h1")).isEqualTo("Proposal P-bulk-25");
        // The run trends table: a page of 25 in date order; the chart still has every run.
        open("/console/run-trends");
        assertThat(cells("#runs tbody tr")).hasSize(25);
        String shownRuns = text("#runs-page-shown");
        assertThat(shownRuns).startsWith("Showing 1–25 of ");
        int runs = Integer.parseInt(shownRuns.replaceAll(".* of (\\d+) runs", "$1"));
        assertThat(runs).isGreaterThan(25);
        open("/console/run-trends?runs-page=2");
        assertThat(cells("#runs tbody tr")).hasSize(runs - 25);
        signOut();

        // A researcher's pages are counted over its own: frontier-lab's 26 proposals and 25 awards.
        signIn("frontier-lab");
        open("/console/allocations");
        assertThat(text("#proposals-page-shown")).isEqualTo("Showing 1–25 of 26 proposals");
        assertThat(browser.driver.findElements(By.id("awards-page-shown"))).isEmpty(); // 25: one page, no pager
        assertThat(text("#awards")).contains("A-bulk-25").doesNotContain("A-bio-1");
        assertThat(text("#proposals")).doesNotContain("P-bio-1");
        open("/console/allocations?proposals-page=2");
        assertThat(cells("#proposals tbody tr td:first-child")).containsExactly("P-fl-1");
        open("/console/allocations/P-bio-1");
        assertThat(text("h1")).isEqualTo("Page not found");
        signOut();
        // A provider reads the awards on its resources: cloud-a all 26, cloud-b none.
        signIn("cloud-a");
        open("/console/allocations?awards-page=2");
        assertThat(text("#awards-page-shown")).isEqualTo("Showing 26–26 of 26 awards");
        signOut();
        signIn("cloud-b");
        open("/console/allocations");
        assertThat(text("#awards")).contains("No award you may read.");
        signOut();
    }
}
