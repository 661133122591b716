package org.computegov.server.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.computegov.deployment.authorization.Authorization;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.Resource;
import org.computegov.deployment.oms.ResourceKey;
import org.computegov.deployment.oms.Serialization;
import org.computegov.deployment.registry.DeploymentStatements;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Submission;
import org.computegov.server.registry.RegistryHarness.TestActor;

/** Statements of the deployment capability as the registry tests write them, over synthetic model manifests. */
final class DeploymentFixtures {
    private DeploymentFixtures() {}

    /** A model of two files whose digests are SHA-256 of {@code tag}/name: a distinct root per tag. */
    static Manifest manifest(String tag) throws Exception {
        List<Resource> rs = new ArrayList<>();
        for (String f : List.of("config.json", "weights.safetensors")) {
            rs.add(new Resource(ResourceKey.file(f), Serialization.SHA256,
                    MessageDigest.getInstance("SHA-256").digest((tag + "/" + f).getBytes(StandardCharsets.UTF_8))));
        }
        return new Manifest(tag, new Serialization.Files(false, Serialization.GIT_PATHS), rs);
    }

    static Submission model(TestActor dev, ObjectNode p, String id, Manifest m, String run, String base) {
        return DeploymentStatements.model(dev.writer(), p, id, m, run, base);
    }

    static Submission accredit(TestActor regulator, ObjectNode p, String evaluator) {
        return DeploymentStatements.accredit(regulator.writer(), p, evaluator, "frontier evaluations", null, false);
    }

    static Submission certify(TestActor evaluator, ObjectNode p, String id, String root) {
        return DeploymentStatements.certify(evaluator.writer(), p, id, root, "safety-suite", "1.0",
                Json.object().put("bio-uplift", 0.1), "passed", LocalDate.now());
    }

    static Authorization authorization(String id, Manifest m, List<String> regions, List<String> providers) {
        return Authorization.of(id, m, true, regions, providers, Map.of("requestsPerDay", 1e6),
                Instant.now().minus(Duration.ofMinutes(1)), Optional.empty());
    }

    static Submission authorize(TestActor regulator, ObjectNode p, Authorization a) {
        return DeploymentStatements.authorize(regulator.writer(), p, a);
    }

    static Submission status(TestActor regulator, ObjectNode p, String id, String state) {
        return DeploymentStatements.authorizationStatus(regulator.writer(), p, id, state, "test: " + state);
    }

    static Submission deployment(TestActor provider, ObjectNode p, String id, String deployer, String root, String region,
            String authorization) {
        return DeploymentStatements.deployment(provider.writer(), p, id, deployer, root, "https://api.example/" + id, region,
                authorization);
    }

    static Submission incident(TestActor filer, ObjectNode p, String id, String deployment) {
        return DeploymentStatements.incident(filer.writer(), p, id, deployment, "high", "harmful output", null);
    }

    static Submission order(TestActor regulator, ObjectNode p, String id, String deployment, Instant ackBy, Instant complyBy) {
        return DeploymentStatements.order(regulator.writer(), p, id, deployment, "suspend", "incident under investigation",
                ackBy, complyBy, Duration.ofHours(1));
    }

    static Submission ack(TestActor provider, ObjectNode p, String id) {
        return DeploymentStatements.orderAck(provider.writer(), p, id);
    }

    static Submission comply(TestActor provider, ObjectNode p, String id) {
        return DeploymentStatements.orderCompliance(provider.writer(), p, id, "endpoint suspended");
    }

    static Submission offSwitch(TestActor owner, ObjectNode p, String id, List<String> holders, int k) {
        return DeploymentStatements.offSwitch(owner.writer(), p, id, holders, k);
    }

    static Submission vote(TestActor holder, ObjectNode p, String id, long epoch, String action) {
        return DeploymentStatements.vote(holder.writer(), p, id, epoch, action);
    }
}
