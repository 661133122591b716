package org.computegov.customers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Checks;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.StatementKind;
import org.computegov.registry.screening.ListFormatException;
import org.computegov.registry.screening.ScreeningList;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.computegov.registry.statement.StatementReader;
import org.computegov.registry.statement.StatementWriter;
import org.jdbi.v3.core.Handle;

/**
 * {@code registry-screening-list}: the regulator loads a denied-party list (the trade.gov CSL CSV, attached; the
 * subject digest is its SHA-256). A new version replaces the old, and every customer is screened against it again.
 */
final class ScreeningListKind implements StatementKind<ScreeningListKind.Plan> {
    private final Screenings screenings;

    ScreeningListKind(Screenings screenings) {
        this.screenings = screenings;
    }

    record Plan(String name, String format, ScreeningList list, String sha256) {}

    @Override
    public String wire() {
        return "screening-list";
    }

    @Override
    public Set<Role> signers() {
        return Set.of(Role.REGULATOR);
    }

    @Override
    public boolean sealed() {
        return false;
    }

    @Override
    public boolean takesAttachment() {
        return true;
    }

    @Override
    public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
        JsonNode l = in.predicate().get("list");
        if (l == null || !l.isObject()) {
            throw Rejection.badInput("a screening-list statement needs predicate.list", "predicate.list",
                    "{\"name\": \"csl\", \"format\": \"csl\", \"entries\": N}");
        }
        String name = Checks.text(l, "name", "predicate.list.name");
        if (!StatementReader.ACTOR_ID.matcher(name).matches()) {
            throw Rejection.badInput("list name '" + name + "' is not valid", "predicate.list.name", "e.g. csl, synthetic");
        }
        Checks.requireSubject(in.statement(), "list:" + name);
        String format = Checks.text(l, "format", "predicate.list.format");
        if (!format.equals("csl")) {
            throw Rejection.badInput("list format '" + format + "' is not supported", "predicate.list.format",
                    "Give the trade.gov Consolidated Screening List CSV (format csl).");
        }
        byte[] attachment = in.attachment();
        if (attachment == null) {
            throw Rejection.badInput("the list file must be attached", "attachment", "Send the CSV as base64 in attachment.");
        }
        String sha = StatementWriter.sha256(attachment);
        if (!sha.equals(in.statement().subjectDigest())) {
            throw Rejection.badInput("the attachment's SHA-256 is not the subject digest", "attachment", null);
        }
        ScreeningList list;
        try {
            list = ScreeningLists.loadCsl(attachment, name);
        } catch (ListFormatException e) {
            throw Rejection.badInput("the list is not a valid CSL CSV: " + e.getMessage(), "attachment", null);
        }
        JsonNode entries = l.get("entries");
        if (entries == null || entries.asInt(-1) != list.size()) {
            throw Rejection.badInput("predicate.list.entries says " + (entries == null ? "nothing" : entries.asText())
                    + " but the file has " + list.size(), "predicate.list.entries", null);
        }
        return new Plan(name, format, list, sha);
    }

    @Override
    public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
        h.createUpdate("""
                INSERT INTO screening_list (name, sha256, format, entries, log_index) VALUES (:n, :h, :f, :e, :i)
                ON CONFLICT (name) DO UPDATE SET sha256 = EXCLUDED.sha256, format = EXCLUDED.format,
                    entries = EXCLUDED.entries, log_index = EXCLUDED.log_index""")
                .bind("n", p.name()).bind("h", p.sha256()).bind("f", p.format()).bind("e", p.list().size())
                .bind("i", index).execute();
        int before = h.createQuery("SELECT count(*) FROM screening_hit WHERE list_name = :n").bind("n", p.name())
                .mapTo(Integer.class).one();
        h.createUpdate("DELETE FROM screening_hit WHERE list_name = :n").bind("n", p.name()).execute();
        Screenings.LoadedList list = new Screenings.LoadedList(p.name(), screenings.index(p.sha256(), p::list));
        int hits = 0;
        int screened = 0;
        for (String[] c : h.createQuery("SELECT provider, customer_id FROM customer ORDER BY 1, 2")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list()) {
            hits += screenings.insertHits(h, c[0], CustomerRecords.record(h, c[0], c[1]), list, index);
            screened++;
        }
        effects.summary().put("list", p.name());
        effects.summary().put("entries", p.list().size());
        effects.summary().put("customersScreened", screened);
        effects.summary().put("hits", hits);
        effects.summary().put("hitsBefore", before);
    }
}
