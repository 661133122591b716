package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.computegov.shaping.supplychain.ChipStatements;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The chip registry from the command line: {@code cgov chips register|transfer|holdings} beside list/show/classify. */
final class ChipRegistryCommands {
    private ChipRegistryCommands() {}

    @Command(name = "register", mixinStandardHelpOptions = true, description = {
            "Register a batch of chips you hold (as a compute provider).",
            "Sealed: the log gets a commitment, the batch is readable by you and the regulator. JSON: {\"batch\", \"chip\", \"count\", \"site\", \"country\", \"networkGbps\"?,",
            "\"serials\"?: [...], \"provenance\"?: [{\"role\": \"vendor|distributor|data-centre\", \"name\"}]}."})
    static final class Register extends RegistryCommands.SealedFileCommand {
        Register() {
            super("chip batch");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return ChipStatements.register(w, body);
        }
    }

    @Command(name = "transfer", mixinStandardHelpOptions = true, description = {
            "Transfer chips from one of your batches, checked for export control on the day.",
            "A blocked transfer is refused with its reason (exit 2) and nothing is logged; a flagged one is recorded with the flag.",
            "JSON: {\"batch\", \"count\", \"to\", \"toSite\", \"toCountry\"}. 'cgov chips transfer-check' asks without signing."})
    static final class Transfer extends RegistryCommands.SealedFileCommand {
        Transfer() {
            super("chip transfer");
        }

        @Override
        Submission submission(StatementWriter w, byte[] body, JsonNode parsed) {
            return ChipStatements.transfer(w, body);
        }
    }

    @Command(name = "holdings", mixinStandardHelpOptions = true,
            description = "Registered holdings per owner, site or country: chips, dense FP16 peak, highest dense peak (yours; a regulator all).")
    static final class Holdings implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin RegistryConnection registry;
        @Mixin JsonOption json;
        @Option(names = "--by", paramLabel = "KEY", defaultValue = "owner", description = "owner (default), site or country.") String by;
        @Option(names = "--batches", description = "List the batches with provenance instead, and the transfers.") boolean batches;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = RegistryCommands.out(spec);
            if (batches) {
                JsonNode b = registry.get("/api/v1/registry/chips/batches");
                JsonNode t = registry.get("/api/v1/registry/chips/transfers");
                if (json.json) {
                    var both = org.computegov.registry.kernel.Json.object();
                    both.set("batches", b);
                    both.set("transfers", t);
                    RegistryConnection.print(out, both);
                    return 0;
                }
                Table bt = new Table("owner", "batch", "chip", "count", "site", "country", "provenance").alignRight(3);
                for (JsonNode r : b) {
                    StringBuilder chain = new StringBuilder();
                    r.path("provenance").forEach(p -> chain.append(chain.length() == 0 ? "" : " → ").append(p.path("name").asText()));
                    bt.row(r.path("owner").asText(), r.path("batch").asText(), r.path("chip").asText(),
                            String.format(Locale.ROOT, "%,d", r.path("count").asLong()), r.path("site").asText(),
                            r.path("country").asText(), chain.toString());
                }
                bt.print(out);
                out.println();
                Table tt = new Table("log", "from", "to", "batch", "count", "country", "export control").alignRight(0, 4);
                for (JsonNode r : t) {
                    tt.row(r.path("logIndex").asText(), r.path("from").asText(), r.path("to").asText(), r.path("batch").asText(),
                            String.format(Locale.ROOT, "%,d", r.path("count").asLong()), r.path("toCountry").asText(),
                            r.path("exportControl").asText().toLowerCase(Locale.ROOT) + ": " + r.path("reason").asText());
                }
                tt.print(out);
                return 0;
            }
            JsonNode h = registry.get("/api/v1/registry/chips/holdings?by=" + RegistryCommands.enc(by));
            if (json.json) {
                RegistryConnection.print(out, h);
                return 0;
            }
            Table t = new Table(h.path("by").asText(), "chips", "FP16 peak FLOP/s", "max peak op/s", "by chip").alignRight(1, 2, 3);
            for (JsonNode a : h.path("holdings")) {
                StringBuilder chips = new StringBuilder();
                a.path("chips").fields().forEachRemaining(e -> chips.append(chips.length() == 0 ? "" : ", ")
                        .append(String.format(Locale.ROOT, "%,d", e.getValue().asLong())).append(" × ").append(e.getKey()));
                t.row(a.path("key").asText(), String.format(Locale.ROOT, "%,d", a.path("chipCount").asLong()),
                        Format.sci(a.path("peakTrainingFlops").asDouble()), Format.sci(a.path("peakMaxOps").asDouble()),
                        chips.toString());
            }
            t.print(out);
            return 0;
        }
    }
}
