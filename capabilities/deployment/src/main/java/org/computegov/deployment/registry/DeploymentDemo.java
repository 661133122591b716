package org.computegov.deployment.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.deployment.authorization.Authorization;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.Resource;
import org.computegov.deployment.oms.ResourceKey;
import org.computegov.deployment.oms.Serialization;
import org.computegov.registry.kernel.DemoWorld;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.StatementWriter;

/**
 * The demo world's deployment story: frontier-lab registers its chat model (trained by run frontier-1-chat), the
 * regulator accredits eval-inst, which certifies it; the regulator authorizes it at cloud-a in the US; cloud-a
 * deploys it for its customer acct-frontier; bio-lab files an incident; the regulator orders a throttle; cloud-a
 * acknowledges. cloud-a's shared cluster has an off switch held by cloud-a, the regulator and frontier-lab (2 of 3),
 * with one halt vote logged. The model's files are synthetic: their digests are of their names.
 */
final class DeploymentDemo {
    private final DemoWorld world;

    DeploymentDemo(DemoWorld world) {
        this.world = world;
    }

    void load() throws Exception {
        StatementWriter regulator = world.as("regulator");
        StatementWriter lab = world.as("frontier-lab");
        StatementWriter eval = world.as("eval-inst");
        StatementWriter cloud = world.as("cloud-a");
        Manifest m = syntheticModel("frontier-1-chat");
        world.submit(DeploymentStatements.model(lab, lab.predicate(), "frontier-1-chat", m, "frontier-1-chat", null));
        world.submit(DeploymentStatements.accredit(regulator, regulator.predicate(), "eval-inst", "frontier model evaluations",
                null, false));
        LocalDate today = LocalDate.ofInstant(world.today(), ZoneOffset.UTC);
        world.submit(DeploymentStatements.certify(eval, eval.predicate(), "EI-2026-007", m.rootHex(), "frontier-safety-suite",
                "2.1", Json.object().put("cyber-uplift", 0.12).put("bio-uplift", 0.08).put("autonomy", "below threshold"),
                "passed", today.minusDays(3)));
        Instant now = Instant.now();
        Authorization a = Authorization.of("AUTH-DEMO-1", m, true, List.of("US"), List.of("cloud-a"),
                Map.of("requestsPerDay", 1e7), now.minusSeconds(60), Optional.of(world.today().plus(Duration.ofDays(365))));
        world.submit(DeploymentStatements.authorize(regulator, regulator.predicate(), a));
        world.submit(DeploymentStatements.deployment(cloud, cloud.predicate(), "chat-us-1", "acct-frontier", m.rootHex(),
                "https://chat.frontier-lab.example/v1", "US", "AUTH-DEMO-1"));
        world.submit(DeploymentStatements.incident(world.as("bio-lab"), world.as("bio-lab").predicate(), "INC-1",
                "cloud-a/chat-us-1", "high", "The chat endpoint gave step-by-step synthesis guidance for a controlled toxin.", null));
        world.submit(DeploymentStatements.order(regulator, regulator.predicate(), "ORD-DEMO-1", "cloud-a/chat-us-1", "throttle",
                "Incident INC-1 under investigation: limit to 1,000 requests per day", now.plus(Duration.ofHours(12)),
                now.plus(Duration.ofDays(2)), Duration.ofDays(1)));
        world.submit(DeploymentStatements.orderAck(cloud, cloud.predicate(), "ORD-DEMO-1"));
        world.submit(DeploymentStatements.offSwitch(cloud, cloud.predicate(), "cloud-a-shared-1",
                List.of("cloud-a", "regulator", "frontier-lab"), 2));
        world.submit(DeploymentStatements.vote(regulator, regulator.predicate(), "cloud-a-shared-1", 0, "halt"));
    }

    /** A manifest of a model's usual files whose digests are SHA-256 of the names: a fingerprint without gigabytes. */
    static Manifest syntheticModel(String name) throws Exception {
        List<Resource> rs = new ArrayList<>();
        for (String f : List.of("config.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
                "tokenizer.json")) {
            rs.add(new Resource(ResourceKey.file(f), Serialization.SHA256,
                    MessageDigest.getInstance("SHA-256").digest((name + "/" + f).getBytes(StandardCharsets.UTF_8))));
        }
        return new Manifest(name, new Serialization.Files(false, Serialization.GIT_PATHS), rs);
    }
}
