package org.computegov.cli.witness;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.witness.AddCheckpointRequest;
import org.computegov.ledger.witness.AddCheckpointResult;
import org.computegov.ledger.witness.Witness;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a C2SP tlog-witness: {@code POST /add-checkpoint} answered by the ledger's {@link Witness}, whose
 * result already carries the status, content type and body the spec assigns (200 cosignature lines, 400, 403, 404,
 * 409 with a {@code text/x.tlog.size} body, 422). {@code GET /} says who the witness is and which logs it knows.
 */
public final class WitnessServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WitnessServer.class);

    private final Javalin app;

    private WitnessServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts serving; the witness's state lives in its store, so a restart continues where it stopped.
     *
     * @param cosignerVkeys the witness's own vkeys, published at {@code GET /}
     * @param logs the known origins with the log keys trusted for each, published at {@code GET /}
     */
    public static WitnessServer start(String host, int port, Witness witness, List<VerifierKey> cosignerVkeys,
            Map<String, List<VerifierKey>> logs) {
        StringBuilder about = new StringBuilder("computegov witness (C2SP tlog-witness): POST /add-checkpoint\n");
        cosignerVkeys.forEach(v -> about.append("witness ").append(v.encode()).append('\n'));
        new TreeMap<>(logs).forEach((origin, keys) -> keys.forEach(k ->
                about.append("log ").append(origin).append(' ').append(k.encode()).append('\n')));
        byte[] aboutBytes = about.toString().getBytes(StandardCharsets.UTF_8);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = AddCheckpointRequest.MAX_SIZE;
            config.routes.post("/add-checkpoint", ctx -> {
                byte[] body = ctx.bodyAsBytes();
                AddCheckpointResult result = witness.addCheckpoint(body);
                ctx.status(result.status()).contentType(result.contentType()).result(result.body());
                if (LOG.isInfoEnabled()) {
                    LOG.info("add-checkpoint from {}: {} {} -> {} {}", ctx.ip(), origin(body), size(body), result.status(),
                            result.status() == 200 ? "cosigned" : new String(result.body(), StandardCharsets.UTF_8).strip());
                }
            });
            config.routes.get("/", ctx -> ctx.contentType("text/plain; charset=utf-8").result(aboutBytes));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("add-checkpoint failed", e);
                ctx.status(500).contentType("text/plain; charset=utf-8").result("internal error: the witness could not "
                        + "read or write its state\n");
            });
        });
        app.start(host, port);
        return new WitnessServer(app);
    }

    /** The port it listens on (useful when started on port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** The checkpoint's origin line, for the log line only (nothing is trusted from it). */
    private static String origin(byte[] body) {
        try {
            return Note.parse(AddCheckpointRequest.parse(body).checkpoint()).text().lines().findFirst().orElse("?");
        } catch (Exception e) {
            return "(malformed)";
        }
    }

    private static String size(byte[] body) {
        try {
            String[] lines = Note.parse(AddCheckpointRequest.parse(body).checkpoint()).text().split("\n");
            return lines.length > 1 ? "size " + lines[1] : "";
        } catch (Exception e) {
            return "";
        }
    }
}
