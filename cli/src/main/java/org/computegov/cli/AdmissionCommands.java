package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cgov admission …}: the registry's admission decisions (docs/LICENSING.md, "Decision record"). */
final class AdmissionCommands {
    private AdmissionCommands() {}

    @Command(name = "admission", mixinStandardHelpOptions = true, description = "Admission decisions the registry made for jobs at compute providers.")
    static final class AdmissionCommand {}

    @Command(name = "decisions", mixinStandardHelpOptions = true, description = {
            "The decision record: admission decisions (allow and deny), newest first.",
            "Each with its code and requested FLOP, a page at a time, then the denies",
            "by code in the selection. The regulator reads all, a provider its own,",
            "a developer the decisions on its licences."})
    static final class Decisions implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--provider", paramLabel = "P", description = "Only this provider's decisions (a provider may name only itself).") String provider;
        @Option(names = "--licence", paramLabel = "L", description = "Only decisions on jobs naming this licence.") String licence;
        @Option(names = "--decision", paramLabel = "allow|deny", description = "Only allows or only denies.") String decision;
        @Option(names = "--page", paramLabel = "N", description = "The page to print, from 1 (default 1).") Integer page;
        @Option(names = "--limit", paramLabel = "N", description = "Rows a page, 1 to 500 (default 25).") Integer limit;

        @Override
        public Integer call() throws Exception {
            String d = decision == null ? null : decision.strip().toLowerCase(Locale.ROOT);
            if (d != null && !d.equals("allow") && !d.equals("deny")) {
                throw new InvalidInputException("--decision", "--decision is allow or deny, got '" + decision + "'.",
                        "E.g. --decision deny.");
            }
            if (page != null && page < 1) {
                throw new InvalidInputException("--page", "--page counts from 1, got " + page + ".", "E.g. --page 2.");
            }
            if (limit != null && (limit < 1 || limit > 500)) {
                throw new InvalidInputException("--limit", "--limit is 1 to 500 rows a page, got " + limit + ".", "E.g. --limit 100.");
            }
            List<String> query = new ArrayList<>();
            add(query, "provider", provider);
            add(query, "licence", licence);
            add(query, "decision", d);
            add(query, "page", page == null ? null : page.toString());
            add(query, "limit", limit == null ? null : limit.toString());
            JsonNode r = registry.get("/api/v1/admission/decisions" + (query.isEmpty() ? "" : "?" + String.join("&", query)));
            var out = RegistryCommands.out(spec);
            if (json.printed(out, r)) {
                return 0;
            }
            Table t = new Table("decided", "provider", "cluster", "account", "licence", "job", "chips", "time limit", "requested FLOP",
                    "decision", "code").alignRight(6, 7, 8);
            for (JsonNode x : r.path("decisions")) {
                int repeats = x.path("repeats").asInt(1);
                t.row(x.path("decidedAt").asText(), x.path("provider").asText(), x.path("cluster").asText(),
                        text(x, "account"), text(x, "licence"), text(x, "jobRef"),
                        x.path("chips").asInt() == 0 ? "0" : Format.count(x.path("chips").asLong()) + " × " + x.path("chip").asText(),
                        hours(x.path("timeLimitMinutes").asLong()), Format.sci(x.path("requestedFlop").asDouble()),
                        x.path("decision").asText(), x.path("code").asText() + (repeats > 1 ? " (×" + repeats + ")" : ""));
            }
            long total = r.path("total").asLong();
            boolean empty = r.path("decisions").isEmpty();
            if (total == 0) {
                out.println("no decisions");
            } else if (empty) {
                out.println("page " + r.path("page").asInt() + " is past the last (" + r.path("pages").asInt() + ")");
            } else {
                t.print(out);
            }
            JsonNode s = r.path("summary");
            List<String> codes = new ArrayList<>();
            s.path("denyByCode").fields().forEachRemaining(e -> codes.add(e.getKey() + " " + Format.count(e.getValue().asLong())));
            if (total > 0) {
                out.printf(Locale.ROOT, "%sin the selection: allow %s, deny %s%s%n", empty ? ""
                        : String.format(Locale.ROOT, "page %d of %d (%s rows); ", r.path("page").asInt(), r.path("pages").asInt(),
                                Format.count(total)), Format.count(s.path("allow").asLong()),
                        Format.count(s.path("deny").asLong()), codes.isEmpty() ? "" : " (" + String.join(", ", codes) + ")");
            }
            JsonNode rec = r.path("recording");
            if (rec.path("dropped").asLong() > 0 || rec.path("failed").asLong() > 0) {
                out.printf(Locale.ROOT, "not recorded since %s: %s dropped (queue full), %s failed to write%n",
                        rec.path("since").asText(), Format.count(rec.path("dropped").asLong()), Format.count(rec.path("failed").asLong()));
            }
            out.flush();
            return 0;
        }

        private static void add(List<String> query, String name, String value) {
            if (value != null) {
                query.add(name + "=" + RegistryCommands.enc(value));
            }
        }

        private static String text(JsonNode row, String field) {
            JsonNode v = row.path(field);
            return v.isNull() || v.isMissingNode() || v.asText().isEmpty() ? null : v.asText();
        }

        private static String hours(long minutes) {
            return minutes % 60 == 0 ? Format.count(minutes / 60) + " h" : Format.count(minutes) + " min";
        }
    }
}
