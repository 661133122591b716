package org.computegov.shaping.allocation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.registry.kernel.Actor;
import org.computegov.registry.kernel.Effects;
import org.computegov.registry.kernel.Input;
import org.computegov.registry.kernel.Json;
import org.computegov.registry.statement.Rejection;
import org.computegov.registry.statement.Role;
import org.jdbi.v3.core.Handle;

/** The kinds that set a programme up: the programme, its calls (regulator), the resources providers offer. */
final class ProgrammeKinds {
    private ProgrammeKinds() {}

    /** {@code registry-alloc-programme}: a programme officer (the regulator) opens a programme. */
    static final class ProgrammeKind extends AllocKind<ProgrammeKind.Plan> {
        static final String WIRE = "alloc-programme";

        record Plan(String id, String name) {}

        ProgrammeKind() {
            super(WIRE, false, Role.REGULATOR);
        }

        @Override
        String subjectField() {
            return "programme";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "programme", "name");
            Plan p = new Plan(b.id("programme"), b.text("name", 200));
            if (exists(h, "alloc_programme", p.id())) {
                throw Rejection.conflict("programme-exists", "Programme exists", "programme " + p.id() + " exists",
                        "Give the programme another id.");
            }
            return p;
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            h.createUpdate("INSERT INTO alloc_programme (id, name, officer, log_index) VALUES (:id, :n, :o, :i)")
                    .bind("id", p.id()).bind("n", p.name()).bind("o", in.issuer()).bind("i", index).execute();
            effects.summary().put("programme", p.id());
        }
    }

    /** {@code registry-alloc-call}: a call for proposals with its tiers and the resources it offers. */
    static final class CallKind extends AllocKind<CallKind.Plan> {
        static final String WIRE = "alloc-call";

        record Plan(String id, String programme, String title, LocalDate opens, LocalDate closes, List<String> tiers,
                List<String> resources) {}

        CallKind() {
            super(WIRE, false, Role.REGULATOR);
        }

        @Override
        String subjectField() {
            return "call";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "call", "programme", "title", "opens", "closes", "tiers", "resources");
            String id = b.id("call");
            String programme = b.id("programme");
            if (!exists(h, "alloc_programme", programme)) {
                throw Rejection.notFound("no programme " + programme, "Open the programme first (cgov alloc programme).");
            }
            if (exists(h, "alloc_call", id)) {
                throw Rejection.conflict("call-exists", "Call exists", "call " + id + " exists", "Give the call another id.");
            }
            LocalDate opens = b.date("opens");
            LocalDate closes = b.date("closes");
            if (closes.isBefore(opens)) {
                throw Rejection.badInput("the call closes before it opens", b.path("closes"), null);
            }
            List<String> tiers = new ArrayList<>();
            for (var t : b.node().path("tiers")) {
                Tier tier = Tier.parse(t.asText()).orElseThrow(() -> Rejection.badInput("tier '" + t.asText()
                        + "' is not explore, discover or accelerate", b.path("tiers"), null));
                tiers.add(tier.name());
            }
            if (tiers.isEmpty()) {
                throw Rejection.badInput(b.path("tiers") + " must list at least one tier (explore, discover, accelerate)",
                        b.path("tiers"), null);
            }
            List<String> resources = new ArrayList<>();
            for (var r : b.node().path("resources")) {
                if (!r.isTextual() || h.createQuery("SELECT count(*) FROM alloc_resource WHERE id = :r AND programme = :p")
                        .bind("r", r.asText()).bind("p", programme).mapTo(Long.class).one() == 0) {
                    throw Rejection.badInput("resource " + r + " is not offered in programme " + programme,
                            b.path("resources"), "Providers offer resources first (cgov alloc resource).");
                }
                resources.add(r.asText());
            }
            if (resources.isEmpty()) {
                throw Rejection.badInput(b.path("resources") + " must list at least one resource", b.path("resources"), null);
            }
            return new Plan(id, programme, b.text("title", 300), opens, closes, tiers, resources);
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            var tiers = Json.array();
            p.tiers().forEach(tiers::add);
            var res = Json.array();
            p.resources().forEach(res::add);
            h.createUpdate("""
                    INSERT INTO alloc_call (id, programme, title, opens, closes, tiers, resources, log_index)
                    VALUES (:id, :p, :t, :o, :c, :tiers, :res, :i)""").bind("id", p.id()).bind("p", p.programme())
                    .bind("t", p.title()).bind("o", p.opens()).bind("c", p.closes()).bind("tiers", tiers.toString())
                    .bind("res", res.toString()).bind("i", index).execute();
            effects.summary().put("call", p.id()).put("programme", p.programme());
        }
    }

    /**
     * {@code registry-alloc-resource}: a provider offers GPU-hours of a chip on a cluster in a programme at an exchange
     * rate from a day. The same statement for a resource it offers already is a rate change, which takes effect on or
     * after the day it is made and after the latest rate: it never re-prices usage that already ran.
     */
    static final class ResourceKind extends AllocKind<ResourceKind.Plan> {
        static final String WIRE = "alloc-resource";
        private final HardwareCatalog catalog;

        record Plan(boolean exists, String id, String programme, String chip, String cluster, String gresType,
                LocalDate from, double rate) {}

        ResourceKind(HardwareCatalog catalog) {
            super(WIRE, false, Role.COMPUTE_PROVIDER);
            this.catalog = catalog;
        }

        @Override
        String subjectField() {
            return "resource";
        }

        @Override
        public Plan check(Handle h, Input in, Actor issuer, Object prepared) throws Rejection {
            Body b = body(in, "resource", "programme", "chip", "cluster", "gresType", "creditsPerGpuHour", "effectiveFrom");
            String id = b.id("resource");
            String programme = b.id("programme");
            String chip;
            try {
                chip = catalog.find(b.text("chip", 128)).name();
            } catch (InvalidInputException e) {
                throw Rejection.badInput(e.getMessage(), b.path("chip"), e.hint());
            }
            String cluster = b.account("cluster");
            String gres = b.node().hasNonNull("gresType") ? b.account("gresType") : null;
            double rate = b.positive("creditsPerGpuHour", 1e9);
            LocalDate from = b.date("effectiveFrom");
            var existing = h.createQuery("SELECT provider, programme, chip, cluster, gres_type FROM alloc_resource WHERE id = :id")
                    .bind("id", id).mapToMap().findOne();
            if (existing.isEmpty()) {
                if (!exists(h, "alloc_programme", programme)) {
                    throw Rejection.notFound("no programme " + programme, "The regulator opens the programme first.");
                }
                return new Plan(false, id, programme, chip, cluster, gres, from, rate);
            }
            var e = existing.get();
            if (!in.issuer().equals(e.get("provider"))) {
                throw Rejection.forbidden("resource " + id + " is offered by " + e.get("provider") + ", not " + in.issuer(),
                        "Only the provider that offers a resource changes its rate.");
            }
            if (!programme.equals(e.get("programme")) || !chip.equals(e.get("chip")) || !cluster.equals(e.get("cluster"))
                    || !java.util.Objects.equals(gres, e.get("gres_type"))) {
                throw Rejection.badInput("resource " + id + " is " + e.get("chip") + " on " + e.get("cluster") + " in "
                        + e.get("programme") + "; a rate change keeps programme, chip, cluster and gresType",
                        b.path("resource"), "Offer a different chip or cluster as a new resource.");
            }
            LocalDate latest = h.createQuery("SELECT max(effective_from) FROM alloc_rate WHERE resource = :id")
                    .bind("id", id).mapTo(LocalDate.class).one();
            LocalDate today = day(in);
            if (from.isBefore(today) || !from.isAfter(latest)) {
                throw Rejection.badInput("a rate change takes effect from its date and never re-prices the past: "
                        + "effectiveFrom " + from + " must be on or after " + today + " (the statement's day) and after "
                        + latest + " (the latest rate)", b.path("effectiveFrom"), "Date the new rate from today or later.");
            }
            return new Plan(true, id, programme, chip, cluster, gres, from, rate);
        }

        @Override
        public void apply(Handle h, Input in, Plan p, long index, Effects effects) {
            if (!p.exists()) {
                h.createUpdate("""
                        INSERT INTO alloc_resource (id, programme, provider, chip, cluster, gres_type, log_index)
                        VALUES (:id, :p, :prov, :chip, :cluster, :gres, :i)""").bind("id", p.id()).bind("p", p.programme())
                        .bind("prov", in.issuer()).bind("chip", p.chip()).bind("cluster", p.cluster())
                        .bind("gres", p.gresType()).bind("i", index).execute();
            }
            h.createUpdate("""
                    INSERT INTO alloc_rate (resource, effective_from, credits_per_gpu_hour, log_index)
                    VALUES (:r, :f, :c, :i)""").bind("r", p.id()).bind("f", p.from()).bind("c", p.rate()).bind("i", index)
                    .execute();
            effects.summary().put("resource", p.id()).put("effectiveFrom", p.from().toString())
                    .put("creditsPerGpuHour", p.rate()).put("rateChange", p.exists());
        }
    }
}
