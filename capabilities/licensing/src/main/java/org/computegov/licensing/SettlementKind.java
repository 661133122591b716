package org.computegov.licensing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.computegov.licensing.LicensingStatements.SettledJob;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.DeclaredKind;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-licence-settlement}: jobs admitted under a licence whose usage was reported, each hold turned into a
 * charge of what the job used ({@code usedFlop}; {@code heldFlop} is the pre-charge it released, 0 for usage without
 * one). The server signs these itself with the regulator's key it holds ({@link org.computegov.registry.kernel.ServerWriter}),
 * one per licence and usage report, so that a licence's settled usage is the sum of its {@code licence_settlement}
 * rows: in the log, reproduced by replay, read back after a restart.
 *
 * <p>A job marked {@code "unreported": true} had no usage reported within its time limit and the server's grace: its
 * hold expired and it is charged its whole pre-charge ({@code usedFlop = heldFlop}). Each provider with such jobs in
 * the statement gets a notice (cause {@code unreported}, id {@code <licence>#<log index>}) naming them, acknowledged
 * and escalated like any. Statements from before the field (none of their jobs unreported) read as they did.
 *
 * <p>Refused when the licence is unknown (404); a job's hold is not {@code provider/cluster/jobRef}, a figure is not a
 * whole number, {@code unreported} is not a boolean, an unreported job's used differs from its held FLOP, a job is
 * listed twice, or there are none or more than {@link #MAX_JOBS} (400); a job was settled already (409
 * {@code hold-settled}: the first settlement stands).
 */
final class SettlementKind extends DeclaredKind<SettlementKind.Plan> {
    /** Jobs per statement: about 250 bytes each keeps an envelope well below the log's 64 KiB entry limit. */
    static final int MAX_JOBS = 100;
    private static final BigDecimal MAX_FLOP = new BigDecimal("1e40");
    private static final long MAX_ELAPSED = 20L * 366 * 86_400;

    SettlementKind() {
        super("licence-settlement", false, Role.REGULATOR);
    }

    record Plan(String licence, List<SettledJob> jobs) {}

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        JsonNode s = in.predicate().path("settlement");
        String licence = Checks.text(s, "licence", "predicate.settlement.licence");
        JsonNode jobs = s.path("jobs");
        if (!jobs.isArray() || jobs.isEmpty() || jobs.size() > MAX_JOBS) {
            throw Rejection.badInput("jobs must list 1 to " + MAX_JOBS + " settled jobs", "predicate.settlement.jobs", null);
        }
        List<SettledJob> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < jobs.size(); i++) {
            JsonNode j = jobs.get(i);
            String at = "predicate.settlement.jobs[" + i + "]";
            if (!j.isObject()) {
                throw Rejection.badInput(at + " must be an object", at, null);
            }
            String provider = Checks.text(j, "provider", at + ".provider");
            String cluster = Checks.text(j, "cluster", at + ".cluster");
            String jobRef = Checks.text(j, "jobRef", at + ".jobRef");
            String chip = Checks.text(j, "chip", at + ".chip");
            String hold = Checks.text(j, "hold", at + ".hold");
            for (String t : List.of(provider, cluster, jobRef, chip)) {
                if (t.length() > 200) {
                    throw Rejection.badInput(at + " has a name longer than 200 characters", at, null);
                }
            }
            JsonNode flag = j.path("unreported");
            if (!flag.isMissingNode() && !flag.isBoolean()) {
                throw Rejection.badInput(at + ".unreported must be true or false", at + ".unreported", null);
            }
            SettledJob job = new SettledJob(provider, cluster, jobRef, chip, (int) count(j, "chips", at, 10_000_000),
                    count(j, "elapsedSeconds", at, MAX_ELAPSED), flop(j, "heldFlop", at), flop(j, "usedFlop", at),
                    flag.asBoolean(false));
            if (job.unreported() && !job.usedFlop().equals(job.heldFlop())) {
                throw Rejection.badInput(at + ": a job whose usage was never reported is charged its whole pre-charge"
                        + " (usedFlop = heldFlop), got " + job.usedFlop() + " of " + job.heldFlop(), at + ".usedFlop", null);
            }
            if (!hold.equals(job.holdId())) {
                throw Rejection.badInput(at + ".hold must be provider/cluster/jobRef (" + job.holdId() + "), got '" + hold + "'",
                        at + ".hold", null);
            }
            if (!seen.add(hold)) {
                throw Rejection.badInput("job " + hold + " is listed twice", at + ".hold", null);
            }
            out.add(job);
        }
        Checks.requireSubject(in.statement(), "licence:" + licence);
        if (LicenceKinds.row(h, licence).isEmpty()) {
            throw Rejection.notFound("no licence " + licence, null);
        }
        List<String> done = h.createQuery("SELECT hold_id FROM licence_settlement WHERE hold_id = ANY(:ids)")
                .bind("ids", seen.toArray(new String[0])).mapTo(String.class).list();
        if (!done.isEmpty()) {
            throw Rejection.conflict("hold-settled", "Job settled already", "job " + done.get(0) + " was settled already",
                    "The first settlement stands.");
        }
        return new Plan(licence, out);
    }

    private static long count(JsonNode j, String field, String at, long max) throws Rejection {
        JsonNode n = j.path(field);
        if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > max) {
            throw Rejection.badInput(at + "." + field + " must be a whole number in [0, " + max + "]", at + "." + field, null);
        }
        return n.asLong();
    }

    private static BigInteger flop(JsonNode j, String field, String at) throws Rejection {
        JsonNode n = j.path(field);
        try {
            if (!n.isTextual() || n.textValue().length() > 100) {
                throw new NumberFormatException();
            }
            BigDecimal d = new BigDecimal(n.textValue().trim());
            if (d.signum() < 0 || d.compareTo(MAX_FLOP) > 0) {
                throw new NumberFormatException();
            }
            return d.toBigIntegerExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw Rejection.badInput(at + "." + field + " must be a string holding a whole number of FLOP in [0, 1e40]",
                    at + "." + field, "e.g. \"3e23\"");
        }
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        Timestamp at = Timestamp.from(in.statement().issuedAt());
        BigInteger used = BigInteger.ZERO;
        for (SettledJob j : p.jobs()) {
            h.createUpdate("""
                    INSERT INTO licence_settlement (hold_id, licence, provider, cluster, job_ref, chip, chips, elapsed_seconds,
                        held_flop, used_flop, settled_at, log_index, unreported)
                    VALUES (:hold, :l, :p, :c, :ref, :chip, :chips, :e, :held, :used, :at, :i, :u)""")
                    .bind("hold", j.holdId()).bind("l", p.licence()).bind("p", j.provider()).bind("c", j.cluster())
                    .bind("ref", j.jobRef()).bind("chip", j.chip()).bind("chips", j.chips()).bind("e", j.elapsedSeconds())
                    .bind("held", new BigDecimal(j.heldFlop())).bind("used", new BigDecimal(j.usedFlop())).bind("at", at)
                    .bind("i", index).bind("u", j.unreported()).execute();
            used = used.add(j.usedFlop());
        }
        effects.summary().put("licence", p.licence()).put("settled", p.jobs().size()).put("usedFlop", used.toString());
        Map<String, List<SettledJob>> unreported = new TreeMap<>();
        for (SettledJob j : p.jobs()) {
            if (j.unreported()) {
                unreported.computeIfAbsent(j.provider(), k -> new ArrayList<>()).add(j);
            }
        }
        if (!unreported.isEmpty()) {
            effects.summary().put("unreported", unreported.values().stream().mapToInt(List::size).sum());
            Notices.unreported(h, p.licence(), unreported, in.statement().issuedAt(), index, effects);
        }
    }
}
