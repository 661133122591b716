package org.computegov.server.log;

import org.computegov.server.ApiProblem;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.computegov.api.Json;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.tiles.TilePath;
import org.computegov.server.QueryParams;

/**
 * The log over HTTP: the C2SP tlog-tiles read API under /log (static-file shaped, so a CDN could serve it), and
 * submissions, receipts and proofs under /api/v1/log.
 */
public final class LogRoutes {
    private final LogService log;
    private final String verifierKey;

    /** @param verifierKey the log's checkpoint verifier key (C2SP vkey), which clients pin on first use */
    public LogRoutes(LogService log, String verifierKey) {
        this.log = log;
        this.verifierKey = verifierKey;
    }

    public void install(RoutesConfig routes) {
        routes.get("/log/checkpoint", ctx -> QueryParams.accept(ctx).ctx().contentType("text/plain; charset=utf-8").header("Cache-Control", "no-cache")
                .result(log.checkpoint()));
        routes.get("/log/tile/<path>", this::tile);
        // What a client needs to trust the log on first use; the checkpoint itself proves nothing about the key.
        routes.get("/api/v1/log/info", ctx -> {
            QueryParams.accept(ctx);
            LogState state = log.state();
            json(ctx, Map.of("origin", verifierKey.substring(0, verifierKey.indexOf('+')), "size", state.size(),
                    "verifierKey", verifierKey));
        });
        routes.post("/api/v1/log/entries", ctx -> {
            QueryParams.accept(ctx);
            LogService.Submitted s = log.submit(ctx.bodyAsBytes());
            json(ctx.status(s.fresh() ? 201 : 200), s.receipt());
        });
        routes.post("/api/v1/log/entries/batch", ctx -> {
            QueryParams.accept(ctx);
            List<LogService.Submitted> all = log.submitAll(lines(ctx.bodyAsBytes()));
            List<Receipt> receipts = new ArrayList<>();
            boolean anyFresh = false;
            for (LogService.Submitted s : all) {
                receipts.add(s.receipt());
                anyFresh |= s.fresh();
            }
            json(ctx.status(anyFresh ? 201 : 200), Map.of("receipts", receipts));
        });
        routes.get("/api/v1/log/entries/{index}", ctx -> QueryParams.accept(ctx).ctx().contentType("application/json")
                .result(log.entry(longParam(ctx.pathParam("index"), "index"))));
        routes.get("/api/v1/log/receipt", ctx -> json(ctx, log.receipt(longParam(QueryParams.accept(ctx, "index").get("index"), "index"))));
        routes.get("/api/v1/log/proof/inclusion", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "index", "size");
            long index = longParam(q.get("index"), "index");
            long size = longParam(q.get("size"), "size");
            json(ctx, Map.of("index", index, "size", size, "proof", log.inclusionProof(index, size)));
        });
        routes.get("/api/v1/log/proof/consistency", ctx -> {
            QueryParams q = QueryParams.accept(ctx, "from", "to");
            long from = longParam(q.get("from"), "from");
            long to = longParam(q.get("to"), "to");
            json(ctx, Map.of("from", from, "to", to, "proof", log.consistencyProof(from, to)));
        });
    }

    private void tile(Context ctx) throws Exception {
        QueryParams.accept(ctx);
        TilePath path;
        try {
            path = TilePath.parse("tile/" + ctx.pathParam("path"));
        } catch (FormatException e) {
            throw new ApiProblem(404, "not-found", "Not found", e.getMessage(), null, null, e);
        }
        byte[] body = path instanceof TilePath.Hashes h ? log.hashTile(h) : log.entryBundle((TilePath.Entries) path);
        if (body == null) {
            throw new ApiProblem(404, "not-found", "Not found", "The log has no " + path.path() + " yet.", null, null, null);
        }
        // Full tiles never change; partial ones are replaced by wider ones as the log grows.
        ctx.contentType("application/octet-stream")
                .header("Cache-Control", path.isPartial() ? "no-cache" : "public, max-age=31536000, immutable")
                .result(body);
    }

    /** NDJSON: one envelope per line, kept as the exact bytes of that line. */
    static List<byte[]> lines(byte[] body) throws ApiProblem {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    out.add(java.util.Arrays.copyOfRange(body, start, end));
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) {
            throw new ApiProblem(400, "invalid-input", "Invalid input", "The batch holds no envelopes.", null, null, null);
        }
        if (out.size() > Sequencer.MAX_BATCH) {
            throw new ApiProblem(413, "batch-too-large", "Batch too large", "A batch holds at most " + Sequencer.MAX_BATCH
                    + " envelopes, got " + out.size() + ".", null, null, null);
        }
        return out;
    }

    private static long longParam(String text, String name) throws ApiProblem {
        if (text == null || text.isBlank()) {
            throw new ApiProblem(400, "invalid-input", "Invalid input", "Parameter '" + name + "' is required.", null, null, null);
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, "invalid-input", "Invalid input", "Parameter '" + name
                    + "' must be a whole number, got '" + text + "'.", null, null, e);
        }
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value).getBytes(StandardCharsets.UTF_8));
    }
}
