package org.computegov.server.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.statement.Kind;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.computegov.registry.store.RegistryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cgov serve --demo}: a small world written through the registry's own front door (signed statements, each
 * in the log), so every command and endpoint has something to show. Two providers in two jurisdictions, two
 * developers, an evaluator; customers with beneficial owners, one of whom splits a frontier-scale run across both
 * providers (6e25 + 5e25 FLOP: only the owner crosses SB 53's 1e26); a run past the EU AI Act's 1e25 with its
 * notification due; the synthetic denied-party list with a customer that matches it. The actors' keys are written to
 * {@code <data-dir>/demo-keys/} so the CLI can act as any of them. Loaded once: a restart keeps the world.
 */
public final class DemoWorld {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWorld.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** H100 SXM at 30% of its dense FP16 peak: about 1.07e18 FLOP per chip-hour. */
    private static final String CHIP = "H100";

    private final RegistryService registry;
    private final Path keys;
    private final Clock clock;
    private final Instant now;

    private DemoWorld(RegistryService registry, Path keys, Clock clock) {
        this.registry = registry;
        this.keys = keys;
        this.clock = clock;
        this.now = clock.instant().truncatedTo(ChronoUnit.DAYS);
    }

    public static void load(RegistryService registry, Path dataDirectory, Clock clock) throws Exception {
        Path regulatorKey = dataDirectory.resolve(RegistryKeys.FILE);
        if (!Files.exists(regulatorKey)) {
            LOG.warn("demo world not loaded: the bootstrap regulator's key is not in {} (a --regulator-key was given)", dataDirectory);
            return;
        }
        if (registry.reads().withHandle(h -> h.createQuery("SELECT count(*) FROM registry.actor WHERE id = 'cloud-a'")
                .mapTo(Integer.class).one()) > 0) {
            LOG.info("demo world already loaded; keys in {}", dataDirectory.resolve("demo-keys"));
            return;
        }
        Path keys = dataDirectory.resolve("demo-keys");
        Files.createDirectories(keys);
        new DemoWorld(registry, keys, clock).build(KeyFiles.readSignerKey(regulatorKey));
        LOG.info("demo world loaded: actors regulator, cloud-a, cloud-b, frontier-lab, bio-lab, eval-inst; their keys are in {}"
                + " (e.g. ./cgov runs list --key {}/regulator.key)", keys, keys);
    }

    private void build(SignerKey root) throws Exception {
        StatementWriter rootWriter = new StatementWriter(root, "regulator", clock);
        StatementWriter regulator = actor(rootWriter, "regulator", "Demo Compute Regulator", "US", "regulator");
        StatementWriter cloudA = actor(regulator, "cloud-a", "Cloud A Compute Inc.", "US", "compute-provider");
        StatementWriter cloudB = actor(regulator, "cloud-b", "Cloud B Rechenzentren GmbH", "DE", "compute-provider");
        StatementWriter frontier = actor(regulator, "frontier-lab", "Frontier Lab Inc.", "US", "developer");
        StatementWriter bio = actor(regulator, "bio-lab", "Bio Models Ltd", "GB", "developer");
        actor(regulator, "eval-inst", "Evaluation Institute", "GB", "evaluator");

        byte[] list;
        try (InputStream in = ScreeningLists.class.getResourceAsStream(ScreeningLists.SYNTHETIC_RESOURCE)) {
            list = in.readAllBytes();
        }
        ObjectNode lp = regulator.predicate();
        lp.putObject("list").put("name", "synthetic").put("format", "csl")
                .put("entries", ScreeningLists.loadCsl(list, "synthetic").size());
        submit(regulator.publicStatement(Kind.SCREENING_LIST, "list:synthetic", lp, list, list));

        customer(cloudA, "acct-frontier", "Frontier Lab Inc.", "US", "US", List.of(owner("Frontier Holdings LLC", "US",
                "LEI:FRONTIERHOLDING00085")), "LOW");
        customer(cloudA, "acct-northwind", "Northwind Compute Pte. Ltd.", "SG", "SG", List.of(owner("Orion Capital Partners",
                "KY", "LEI:ORION0CAPITAL0PART83")), "MEDIUM");
        customer(cloudB, "kunde-0042", "Southwind Analytics FZE", "AE", "AE", List.of(owner("Orion Capital Partners",
                "KY", "LEI:ORION0CAPITAL0PART83")), "MEDIUM");
        customer(cloudB, "kunde-0077", "Zorblat Quantum Dynamics", "CN", "CN", List.of(owner("Zorblat Holdings", "CN", null)), "HIGH");
        customer(cloudA, "acct-biolab", "Bio Models Ltd", "GB", "GB", List.of(owner("Bio Models Group plc", "GB", null)), "LOW");
        access(cloudA, "acct-northwind", "203.0.113.7");
        access(cloudB, "kunde-0042", "198.51.100.23");
        access(cloudB, "kunde-0077", "192.0.2.200");

        run(frontier, "frontier-1", "Frontier 1 pre-training", 3e25, null, "general");
        run(frontier, "frontier-1-chat", "Frontier 1 chat fine-tune", 4e23, "frontier-lab/frontier-1", "general");
        run(bio, "protein-1", "Protein language model", 3e23, null, "biological-sequence");

        // ~1.07e18 FLOP per H100-hour: 24,576 GPUs × 24 h ≈ 6.3e23 FLOP a day.
        usage(cloudA, "us-east", "acct-frontier", "frontier-lab/frontier-1", 24_576, 20, 1000);
        usage(cloudA, "us-east", "acct-frontier", "frontier-lab/frontier-1-chat", 2_048, 5, 2000);
        usage(cloudA, "us-west", "acct-northwind", null, 24_576, 96, 3000);
        usage(cloudB, "fra-1", "kunde-0042", null, 24_576, 80, 4000);
        usage(cloudA, "us-east", "acct-biolab", "bio-lab/protein-1", 1_024, 12, 5000);
    }

    private StatementWriter actor(StatementWriter by, String id, String name, String jurisdiction, String role) throws Exception {
        SignerKey key = SignerKey.generate(id + "/demo");
        KeyFiles.writeSignerKey(keys.resolve(id + ".key"), key);
        ObjectNode p = by.predicate();
        ObjectNode a = p.putObject("actor");
        a.put("id", id).put("name", name).put("jurisdiction", jurisdiction);
        a.putArray("roles").add(role);
        a.putArray("keys").add(key.verifierKey().encode());
        submit(by.publicStatement(Kind.ACTOR, "actor:" + id, p, null, null));
        return new StatementWriter(key, id, clock);
    }

    private static ObjectNode owner(String name, String country, String identifier) {
        ObjectNode o = JSON.createObjectNode().put("name", name).put("country", country);
        if (identifier != null) {
            o.put("identifier", identifier);
        }
        return o;
    }

    private void customer(StatementWriter provider, String id, String legalName, String country, String addressCountry,
            List<ObjectNode> owners, String risk) throws Exception {
        ObjectNode r = JSON.createObjectNode();
        r.put("customerId", id).put("customerType", "ORGANIZATION").put("legalName", legalName);
        r.putArray("aliases");
        ObjectNode address = r.putObject("address");
        address.putArray("lines").add("1 Example Street");
        address.put("city", "Example City").put("country", addressCountry);
        r.put("country", country);
        ArrayNode o = r.putArray("beneficialOwners");
        owners.forEach(o::add);
        r.putArray("paymentMeans").addObject().put("kind", "WIRE").put("reference", "****" + (1000 + Math.abs(id.hashCode()) % 9000));
        r.put("email", "compliance@" + id + ".example").put("phone", "+15555550100");
        r.putObject("verification").put("method", "DOCUMENTARY").put("evidence", "registry extract on file")
                .put("date", now.minus(Duration.ofDays(120)).toString().substring(0, 10)).put("state", "VERIFIED");
        r.put("riskRating", risk);
        submit(provider.customerRecord(JSON.writeValueAsBytes(r)));
    }

    private void access(StatementWriter provider, String customer, String ip) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        for (int d = 3; d >= 1; d--) {
            events.addObject().put("customerId", customer).put("ipAddress", ip).put("time",
                    now.minus(Duration.ofDays(d)).plus(Duration.ofHours(9)).toString()).put("action", "console-login");
        }
        submit(provider.accessEvents(JSON.writeValueAsBytes(events), events.size()));
    }

    private void run(StatementWriter developer, String id, String name, double planned, String base, String domain)
            throws Exception {
        ObjectNode d = JSON.createObjectNode().put("runId", id).put("name", name).put("plannedFlop", planned);
        if (base != null) {
            d.put("baseRun", base);
        }
        d.put("dataDomain", domain);
        submit(developer.runDeclaration(JSON.writeValueAsBytes(d)));
    }

    /** One record per day for {@code days} days ending yesterday: {@code chips} GPUs for 24 hours. */
    private void usage(StatementWriter provider, String cluster, String customer, String run, int chips, int days, int jobBase)
            throws Exception {
        ArrayNode records = JSON.createArrayNode();
        for (int d = days; d >= 1; d--) {
            Instant start = now.minus(Duration.ofDays(d));
            ObjectNode r = records.addObject();
            r.put("provider", provider.issuer()).put("cluster", cluster).put("customer", customer).put("chip", CHIP)
                    .put("chipCount", chips).put("start", start.toString()).put("end", start.plus(Duration.ofDays(1)).toString());
            if (run != null) {
                r.put("runId", run);
            }
            r.put("jobId", String.valueOf(jobBase + d));
        }
        submit(provider.usageRecords(records.toString().getBytes(StandardCharsets.UTF_8), records.size()));
    }

    private void submit(Submission s) throws Rejection {
        registry.submit(s);
    }

}
