package org.computegov.server.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.registry.kernel.Capability;
import org.computegov.registry.kernel.Registry;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cgov serve --demo}: a small world written through the registry's own front door (signed statements, each
 * in the log), so every command and endpoint has something to show. The kernel's part registers the actors (two
 * providers in two jurisdictions, two developers, an evaluator) and writes their keys to {@code <data-dir>/demo-keys/}
 * so the CLI can act as any of them; then each capability adds its part, in the composition root's order. Loaded
 * once: a restart keeps the world.
 */
public final class DemoWorld implements org.computegov.registry.kernel.DemoWorld {
    private static final Logger LOG = LoggerFactory.getLogger(DemoWorld.class);

    private final Registry registry;
    private final Path keys;
    private final Clock clock;
    private final Instant today;
    private final Map<String, StatementWriter> writers = new HashMap<>();

    private DemoWorld(Registry registry, Path keys, Clock clock) {
        this.registry = registry;
        this.keys = keys;
        this.clock = clock;
        this.today = clock.instant().truncatedTo(ChronoUnit.DAYS);
    }

    public static void load(Registry registry, Path dataDirectory, Clock clock) throws Exception {
        Path regulatorKey = dataDirectory.resolve(RegistryKeys.FILE);
        if (!Files.exists(regulatorKey)) {
            LOG.warn("demo world not loaded: the bootstrap regulator's key is not in {} (a --regulator-key was given)", dataDirectory);
            return;
        }
        if (registry.store().get(h -> h.createQuery("SELECT count(*) FROM actor WHERE id = 'cloud-a'")
                .mapTo(Integer.class).one()) > 0) {
            LOG.info("demo world already loaded; keys in {}", dataDirectory.resolve("demo-keys"));
            return;
        }
        Path keys = dataDirectory.resolve("demo-keys");
        Files.createDirectories(keys);
        DemoWorld world = new DemoWorld(registry, keys, clock);
        world.build(KeyFiles.readSignerKey(regulatorKey));
        for (Capability c : registry.catalogue().capabilities()) {
            c.demo(world);
        }
        LOG.info("demo world loaded: actors {}; their keys are in {} (e.g. ./cgov runs list --key {}/regulator.key)",
                String.join(", ", world.writers.keySet().stream().sorted().toList()), keys, keys);
    }

    private void build(SignerKey root) throws Exception {
        writers.put("regulator", new StatementWriter(root, "regulator", clock));
        writers.put("regulator", actor("regulator", "Demo Compute Regulator", "US", "regulator"));
        actor("cloud-a", "Cloud A Compute Inc.", "US", "compute-provider");
        actor("cloud-b", "Cloud B Rechenzentren GmbH", "DE", "compute-provider");
        actor("frontier-lab", "Frontier Lab Inc.", "US", "developer");
        actor("bio-lab", "Bio Models Ltd", "GB", "developer");
        actor("eval-inst", "Evaluation Institute", "GB", "evaluator");
    }

    @Override
    public Instant today() {
        return today;
    }

    @Override
    public StatementWriter as(String actor) {
        StatementWriter w = writers.get(actor);
        if (w == null) {
            throw new IllegalArgumentException("no demo actor " + actor + "; demo actors: " + writers.keySet());
        }
        return w;
    }

    @Override
    public StatementWriter actor(String id, String name, String jurisdiction, String... roles) throws Exception {
        SignerKey key = SignerKey.generate(id + "/demo");
        KeyFiles.writeSignerKey(keys.resolve(id + ".key"), key);
        StatementWriter by = writers.get("regulator");
        ObjectNode p = by.predicate();
        ObjectNode a = p.putObject("actor");
        a.put("id", id).put("name", name).put("jurisdiction", jurisdiction);
        var r = a.putArray("roles");
        for (String role : roles) {
            r.add(role);
        }
        a.putArray("keys").add(key.verifierKey().encode());
        submit(by.publicStatement("actor", "actor:" + id, p, null, null));
        StatementWriter w = new StatementWriter(key, id, clock);
        writers.put(id, w);
        return w;
    }

    @Override
    public Registry.Accepted submit(Submission s) throws Rejection {
        return registry.submit(s);
    }
}
