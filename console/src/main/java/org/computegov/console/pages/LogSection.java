package org.computegov.console.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.computegov.api.Json;
import org.computegov.console.ConsoleLog;
import org.computegov.console.ConsoleSection;
import org.computegov.console.Frame;
import org.computegov.console.Page;
import org.computegov.console.Web;
import org.computegov.console.auth.Session;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.ledger.dsse.Envelope;

/**
 * The transparency log: its size and latest checkpoint, and any entry with its inclusion proof. The entry page does
 * not ask to be trusted: its script recomputes the leaf hash from the entry's bytes and walks the proof to the
 * checkpoint's root with the browser's own SHA-256 (Web Crypto), and says whether they meet. Everything here is
 * public, as the log is.
 */
public final class LogSection implements ConsoleSection {
    private static final int RECENT = 10;
    private final ConsoleLog log;

    public LogSection(ConsoleLog log) {
        this.log = log;
    }

    public record Recent(long index, String payloadType, String summary) {}

    public record LogModel(Frame frame, long size, CheckpointView checkpoint, String verifierKey, List<Recent> recent,
            String indexValue, String error) {}

    /**
     * @param payloadPretty the envelope's payload as indented JSON when it is JSON, else null
     * @param proofJoined the proof's hashes, comma-separated, for the page's script
     */
    public record EntryModel(Frame frame, long index, String entryBase64, String leafHash, String payloadType,
            List<String> signers, String payloadPretty, List<String> proof, String proofJoined, CheckpointView checkpoint,
            String verifierKey) {}

    @Override
    public String key() {
        return "log";
    }

    @Override
    public String label() {
        return "Log";
    }

    @Override
    public String path() {
        return "/console/log";
    }

    @Override
    public boolean visibleTo(Session user) {
        return true;
    }

    @Override
    public void install(RoutesConfig routes, Web web) {
        routes.get(path(), web.page(this::overview));
        routes.get(path() + "/entries/{index}", web.page(this::entry));
    }

    private void overview(Page p) throws Exception {
        String asked = p.param("index");
        long size = log.size();
        String error = null;
        if (asked != null) {
            Long index = parseIndex(asked);
            if (index != null && index < size) {
                p.ctx().redirect(path() + "/entries/" + index, HttpStatus.SEE_OTHER);
                return;
            }
            error = index == null ? "Enter an entry number, a whole number like 0 or 42."
                    : "The log has " + size + " entries, numbered 0 to " + (size - 1) + ".";
            p.ctx().status(400);
        }
        List<Recent> recent = new ArrayList<>();
        for (long i = size - 1; i >= Math.max(0, size - RECENT); i--) {
            ConsoleLog.Entry e = log.entry(i);
            recent.add(recent(e));
        }
        p.render("log.jte", new LogModel(p.frame("Transparency log", key()), size, CheckpointView.parse(log.checkpoint()),
                log.verifierKey(), recent, asked, error));
    }

    private void entry(Page p) throws Exception {
        Long index = parseIndex(p.ctx().pathParam("index"));
        long size = log.size();
        if (index == null || index >= size) {
            throw new Web.NotFound("The log has no entry " + p.ctx().pathParam("index") + "; it holds " + size
                    + " entries, numbered from 0.");
        }
        ConsoleLog.Entry e = log.entry(index);
        String payloadType = null;
        String pretty = null;
        List<String> signers = new ArrayList<>();
        try {
            Envelope env = Envelope.parse(e.bytes());
            payloadType = env.payloadType();
            for (DsseSignature s : env.signatures()) {
                signers.add(s.keyId() == null || s.keyId().isEmpty() ? "(no key id)" : s.keyId());
            }
            pretty = prettyJson(env.payload());
        } catch (Exception notDsse) {
            pretty = null;
        }
        p.render("log_entry.jte", new EntryModel(p.frame("Log entry " + index, key()), index,
                Base64.getEncoder().encodeToString(e.bytes()), e.leafHash(), payloadType, signers, pretty, e.proof(),
                String.join(",", e.proof()), CheckpointView.parse(e.checkpoint()), log.verifierKey()));
    }

    private static Recent recent(ConsoleLog.Entry e) {
        try {
            Envelope env = Envelope.parse(e.bytes());
            JsonNode payload = Json.mapper().readTree(env.payload());
            String predicate = payload.path("predicateType").asText("");
            String summary = predicate.isEmpty() ? "" : predicate.replaceFirst("^https://computegov.org/attestation/", "");
            return new Recent(e.index(), env.payloadType(), summary);
        } catch (Exception notJson) {
            return new Recent(e.index(), "", "");
        }
    }

    private static String prettyJson(byte[] payload) {
        try {
            JsonNode n = Json.mapper().readTree(payload);
            String s = Json.writePretty(n);
            return s.length() > 20_000 ? s.substring(0, 20_000) + "\n…" : s;
        } catch (Exception e) {
            String s = new String(payload, StandardCharsets.UTF_8);
            return s.length() > 20_000 ? s.substring(0, 20_000) + "\n…" : s;
        }
    }

    static Long parseIndex(String s) {
        if (s == null || !s.strip().matches("\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(s.strip());
    }
}
