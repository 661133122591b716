package org.computegov.shaping.allocation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.StatementWriter;

/**
 * The demo world's share: a research-resource pilot with one call; cloud-a offers H100-hours on us-east at 4 credits
 * per GPU-hour (5 from a month on); bio-lab's proposal is reviewed and awarded on account {@code acct-biolab}, whose
 * usage (accounting's demo: 1,024 H100s for 12 days) draws it down; frontier-lab's proposal awaits review.
 */
final class AllocationDemo {
    private final DemoWorld world;

    AllocationDemo(DemoWorld world) {
        this.world = world;
    }

    void load() throws Exception {
        LocalDate today = LocalDate.ofInstant(world.today(), ZoneOffset.UTC);
        StatementWriter regulator = world.as("regulator");
        StatementWriter cloudA = world.as("cloud-a");
        world.submit(AllocationStatements.programme(regulator, Json.object().put("programme", "nairr-pilot")
                .put("name", "National AI Research Resource pilot")));
        world.submit(AllocationStatements.resource(cloudA, resource(today.minusDays(60), 4)));
        world.submit(AllocationStatements.resource(cloudA, resource(today.plusDays(30), 5)));
        ObjectNode call = Json.object().put("call", "nairr-2026-1").put("programme", "nairr-pilot")
                .put("title", "Open models for science, round 1").put("opens", today.minusDays(10).toString())
                .put("closes", today.plusDays(20).toString());
        call.putArray("tiers").add("explore").add("discover").add("accelerate");
        call.putArray("resources").add("cloud-a-h100");
        world.submit(AllocationStatements.call(regulator, call));
        world.submit(AllocationStatements.proposal(world.as("bio-lab"), proposal("P-bio-1", "Protein language models for"
                + " enzyme design", "Ada Researcher", "0000-0002-1825-0097", "computational biology", 3_000_000)));
        world.submit(AllocationStatements.proposal(world.as("frontier-lab"), proposal("P-fl-1", "Interpretability of"
                + " open-weight models", "Grace Scholar", "0000-0001-5109-3700", "machine learning", 400_000)
                .put("tier", "explore")));
        ObjectNode review = Json.object().put("proposal", "P-bio-1").put("score", 5).put("comments", "Strong and feasible.");
        review.putObject("recommended").put("cloud-a-h100", 3_000_000);
        world.submit(AllocationStatements.review(world.as("eval-inst"), review));
        ObjectNode award = Json.object().put("award", "A-bio-1").put("proposal", "P-bio-1").put("account", "acct-biolab")
                .put("start", today.minusDays(30).toString()).put("end", today.plusDays(335).toString());
        award.putArray("users").add("ada");
        award.putObject("awarded").put("cloud-a-h100", 3_000_000);
        world.submit(AllocationStatements.award(regulator, award));
        world.submit(AllocationStatements.report(world.as("bio-lab"), Json.object().put("award", "A-bio-1")
                .put("summary", "First enzyme-design model trained; preprint in preparation.")));
    }

    private static ObjectNode resource(LocalDate from, double rate) {
        return Json.object().put("resource", "cloud-a-h100").put("programme", "nairr-pilot").put("chip", "H100")
                .put("cluster", "us-east").put("gresType", "h100").put("creditsPerGpuHour", rate)
                .put("effectiveFrom", from.toString());
    }

    private static ObjectNode proposal(String id, String project, String pi, String orcid, String field, double credits) {
        ObjectNode p = Json.object().put("proposal", id).put("call", "nairr-2026-1").put("project", project)
                .put("piName", pi).put("piOrcid", orcid).put("field", field).put("tier", "accelerate")
                .put("justification", "Compute for " + project.toLowerCase(java.util.Locale.ROOT) + ".");
        p.putObject("requested").put("cloud-a-h100", credits);
        return p;
    }

}
