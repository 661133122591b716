package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.computegov.shaping.allocation.AllocationStatements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgov alloc …}: allocation programmes (docs/SHAPING.md). Every write takes its statement's body as a JSON
 * file ({@code -} for stdin), checked by the server; reads print tables or {@code --json}.
 */
final class AllocationCommands {
    private AllocationCommands() {}

    @Command(name = "alloc", mixinStandardHelpOptions = true, description = {
            "Allocation programmes after NSF ACCESS and NAIRR.",
            "Programmes, calls with tiers, resources with dated exchange rates, proposals, reviews, awards, progress",
            "reports, change requests and decisions; draw-down by usage; export to Slurm (sacctmgr). Formats: docs/SHAPING.md."})
    static final class AllocCommand {}

    /** A write of one allocation kind from a JSON file. */
    abstract static class Write extends RegistryCommands.SealedFileCommand {
        private final String wire;

        Write(String wire, String what) {
            super(what);
            this.wire = wire;
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return AllocationStatements.of(w, wire, parsed);
        }
    }

    @Command(name = "programme", mixinStandardHelpOptions = true, description = {
            "Open an allocation programme (as the regulator, its programme officer). JSON: {\"programme\", \"name\"}."})
    static final class ProgrammeCmd extends Write {
        ProgrammeCmd() {
            super("alloc-programme", "programme");
        }
    }

    @Command(name = "resource", mixinStandardHelpOptions = true, description = {
            "Offer GPU-hours of a chip on a Slurm cluster in a programme, or change their rate (as a compute provider).",
            "The rate applies from effectiveFrom; a change is dated today or later, so it never re-prices past usage.",
            "JSON: {\"resource\", \"programme\", \"chip\", \"cluster\", \"gresType\"?, \"creditsPerGpuHour\", \"effectiveFrom\"}."})
    static final class ResourceCmd extends Write {
        ResourceCmd() {
            super("alloc-resource", "resource");
        }
    }

    @Command(name = "call", mixinStandardHelpOptions = true, description = {
            "Open a call for proposals with tiers and resources (as the regulator).",
            "Tiers: explore 400,000, discover 1,500,000, accelerate 3,000,000 credits. JSON: {\"call\", \"programme\", \"title\", \"opens\", \"closes\", \"tiers\": [..], \"resources\": [..]}."})
    static final class CallCmd extends Write {
        CallCmd() {
            super("alloc-call", "call");
        }
    }

    @Command(name = "propose", mixinStandardHelpOptions = true, description = {
            "Submit a proposal under an open call (as a developer, the researcher), sealed. The PI's ORCID iD is checked.",
            "JSON: {\"proposal\", \"call\", \"project\", \"piName\", \"piOrcid\", \"field\", \"tier\", \"requested\": {resource: credits}, \"justification\"}."})
    static final class ProposeCmd extends Write {
        ProposeCmd() {
            super("alloc-proposal", "proposal");
        }
    }

    @Command(name = "review", mixinStandardHelpOptions = true, description = {
            "Review a proposal (as an evaluator), sealed: score 1-5 and credits recommended per resource.",
            "JSON: {\"proposal\", \"score\", \"recommended\": {resource: credits}, \"comments\"?}."})
    static final class ReviewCmd extends Write {
        ReviewCmd() {
            super("alloc-review", "review");
        }
    }

    @Command(name = "award", mixinStandardHelpOptions = true, description = {
            "Award credits on a reviewed proposal to a Slurm account (as the regulator).",
            "Half is released now, the rest when a progress report is accepted. JSON: {\"award\", \"proposal\", \"account\", \"users\": [..], \"start\", \"end\", \"awarded\": {resource: credits}}."})
    static final class AwardCmd extends Write {
        AwardCmd() {
            super("alloc-award", "award");
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = {
            "File a progress report on your award (as its researcher). JSON: {\"award\", \"summary\"}."})
    static final class ReportCmd extends Write {
        ReportCmd() {
            super("alloc-report", "progress report");
        }
    }

    @Command(name = "change", mixinStandardHelpOptions = true, description = {
            "Request a change to your award (as its researcher): a supplement (credits), an extension or a renewal (end).",
            "JSON: {\"award\", \"change\", \"type\": \"supplement|extension|renewal\", \"credits\"?: {..}, \"end\"?, \"justification\"}."})
    static final class ChangeCmd extends Write {
        ChangeCmd() {
            super("alloc-change", "change request");
        }
    }

    @Command(name = "decide", mixinStandardHelpOptions = true, description = {
            "Decide on an award (as the regulator): accept-report (releases the rest), approve or deny a change, revoke.",
            "JSON: {\"award\", \"action\": \"accept-report|approve|deny|revoke\", \"change\"?, \"reason\"?}."})
    static final class DecideCmd extends Write {
        DecideCmd() {
            super("alloc-decision", "decision");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = {
            "Without AWARD: the programmes (public) and, signed, the awards you may read with their draw-down.",
            "With AWARD: that award's amounts, draw-down by usage, refused usage records, reports and changes."})
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Parameters(arity = "0..1", paramLabel = "AWARD", description = "An award id.") String award;
        @Option(names = "--as-of", paramLabel = "DATE", description = "Draw down to this day (YYYY-MM-DD; default today).") String asOf;
        @Option(names = "--proposals", description = "List the proposals you may read instead (regulator, reviewers, your own).") boolean proposals;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = RegistryCommands.out(spec);
            String q = asOf == null ? "" : "?asOf=" + RegistryCommands.enc(checkDate(asOf));
            if (proposals) {
                JsonNode p = registry.get("/api/v1/allocation/proposals").get("proposals");
                if (!json.json) {
                    Table t = new Table("proposal", "call", "researcher", "PI", "ORCID", "tier", "requested", "scores").alignRight(6);
                    for (JsonNode r : p) {
                        StringBuilder scores = new StringBuilder();
                        r.path("reviews").forEach(v -> scores.append(scores.length() == 0 ? "" : ",").append(v.path("score").asInt()));
                        t.row(r.path("id").asText(), r.path("call").asText(), r.path("researcher").asText(), r.path("piName").asText(),
                                r.path("piOrcid").asText(), r.path("tier").asText().toLowerCase(Locale.ROOT),
                                Format.num(sum(r.path("requested"))), scores.toString());
                    }
                    t.print(out);
                    out.flush();
                    return 0;
                }
                RegistryConnection.print(out, p);
                return 0;
            }
            if (award != null) {
                JsonNode a = registry.get("/api/v1/allocation/awards/" + RegistryCommands.enc(award) + q);
                if (json.json) {
                    RegistryConnection.print(out, a);
                    return 0;
                }
                out.printf(Locale.ROOT, "award %s on proposal %s (%s, PI %s, ORCID %s), account %s, %s to %s, %s%s%n",
                        a.path("award").asText(), a.path("proposal").asText(), a.path("project").asText(),
                        a.path("piName").asText(), a.path("piOrcid").asText(), a.path("account").asText(),
                        a.path("start").asText(), a.path("end").asText(), a.path("statusOn").asText().toLowerCase(Locale.ROOT),
                        a.path("progressAccepted").asBoolean() ? ", progress report accepted" : "");
                drawDown(out, a);
                for (JsonNode c : a.path("changes")) {
                    out.printf(Locale.ROOT, "change %s (%s): %s%n", c.path("id").asText(), c.path("type").asText(),
                            c.path("state").asText().toLowerCase(Locale.ROOT));
                }
                out.flush();
                return 0;
            }
            JsonNode programmes = registry.get("/api/v1/allocation/programmes").get("programmes");
            JsonNode awards = registry.signerKey(false) != null ? registry.get("/api/v1/allocation/awards" + q).get("awards") : null;
            if (json.json) {
                var both = org.computegov.registry.kernel.Json.object();
                both.set("programmes", programmes);
                if (awards != null) {
                    both.set("awards", awards);
                }
                RegistryConnection.print(out, both);
                return 0;
            }
            Table t = new Table("programme", "call / resource", "details");
            for (JsonNode p : programmes) {
                t.row(p.path("id").asText(), "", p.path("name").asText() + " (" + p.path("officer").asText() + ")");
                for (JsonNode c : p.path("calls")) {
                    t.row("", c.path("id").asText(), c.path("title").asText() + ", " + c.path("opens").asText() + " to "
                            + c.path("closes").asText() + ", tiers " + c.path("tiers").toString().toLowerCase(Locale.ROOT));
                }
                for (JsonNode r : p.path("resources")) {
                    StringBuilder rates = new StringBuilder();
                    r.path("rates").forEach(x -> rates.append(rates.length() == 0 ? "" : "; ").append(Format.num(
                            x.path("creditsPerGpuHour").asDouble())).append(" from ").append(x.path("effectiveFrom").asText()));
                    t.row("", r.path("id").asText(), r.path("provider").asText() + ", " + r.path("chip").asText() + " on "
                            + r.path("cluster").asText() + " (" + r.path("tres").asText() + "), credits/GPU-h " + rates);
                }
            }
            t.print(out);
            if (awards != null) {
                out.println();
                for (JsonNode a : awards) {
                    out.printf(Locale.ROOT, "award %s (%s, account %s), %s%n", a.path("award").asText(),
                            a.path("researcher").asText(), a.path("account").asText(), a.path("statusOn").asText().toLowerCase(Locale.ROOT));
                    drawDown(out, a);
                }
            }
            out.flush();
            return 0;
        }

        private static void drawDown(PrintWriter out, JsonNode a) {
            Table t = new Table("resource", "awarded", "released", "used credits", "used GPU-h", "remaining", "remaining GPU-h")
                    .alignRight(1, 2, 3, 4, 5, 6);
            for (JsonNode l : a.path("drawDown")) {
                t.row(l.path("resource").asText(), Format.num(l.path("awarded").asDouble()), Format.num(l.path("released").asDouble()),
                        Format.num(l.path("usedCredits").asDouble()), Format.num(l.path("usedGpuHours").asDouble()),
                        Format.num(l.path("remainingCredits").asDouble()) + (l.path("overdrawn").asBoolean() ? " (overdrawn)" : ""),
                        Format.num(l.path("remainingGpuHours").asDouble()));
            }
            t.print(out);
            for (JsonNode r : a.path("refused")) {
                out.printf(Locale.ROOT, "  not charged: %s: %s%n", r.path("recordId").asText(), r.path("reason").asText());
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = {
            "Export the awards on a Slurm cluster as a sacctmgr load file (its provider, or the regulator).",
            "One account per award with GrpTRESMins = GPU-minutes used + remaining released credits at the day's rate.",
            "Load it with: sacctmgr -i load file=FILE. Prints the file; --json the limits and the file."})
    static final class Export implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--cluster", required = true, paramLabel = "NAME", description = "The Slurm cluster.") String cluster;
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "sacctmgr", description = "sacctmgr (the only format).") String format;
        @Option(names = "--as-of", paramLabel = "DATE", description = "The export day (YYYY-MM-DD; default today).") String asOf;

        @Override
        public Integer call() throws Exception {
            if (!format.equals("sacctmgr")) {
                throw new InvalidInputException("--format", "Unknown format '" + format + "'.", "Use --format sacctmgr.");
            }
            String q = "/api/v1/allocation/export?cluster=" + RegistryCommands.enc(cluster) + "&format=sacctmgr"
                    + (asOf == null ? "" : "&asOf=" + RegistryCommands.enc(checkDate(asOf)));
            JsonNode e = registry.get(q);
            PrintWriter out = RegistryCommands.out(spec);
            if (json.json) {
                RegistryConnection.print(out, e);
                return 0;
            }
            out.print(e.path("file").asText());
            out.flush();
            return 0;
        }
    }

    static String checkDate(String text) throws InvalidInputException {
        try {
            return java.time.LocalDate.parse(text).toString();
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException("--as-of", "--as-of '" + text + "' is not a date.", "Give YYYY-MM-DD.");
        }
    }

    static double sum(JsonNode credits) {
        double s = 0;
        for (JsonNode c : credits) {
            s += c.asDouble();
        }
        return s;
    }
}
