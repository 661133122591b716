package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.licensing.LicensingStatements;
import org.computegov.licensing.admission.LicenceJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgov licence amend ID --reason TEXT …}: the regulator amends a licence. The command reads the current terms
 * from the registry, applies the changes given (or takes whole amended terms from {@code --terms FILE}), checks the
 * result before anything is sent, and signs the next amendment (docs/LICENSING.md, "Amendments").
 */
@Command(name = "amend", mixinStandardHelpOptions = true, description = {
        "Amend a licence (as the regulator): its tranches' budgets, clusters, accounts, validity or conditions.",
        "Options not given keep the current terms; a list option given replaces that whole list."})
final class LicenceAmendCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    @Spec CommandSpec spec;
    @Mixin RegistryConnection registry;
    @Mixin JsonOption json;
    @Parameters(paramLabel = "ID", description = "The licence id.") String id;
    @Option(paramLabel = "TEXT", names = "--reason", required = true, description = "Why, as providers and the licensee will read it.") String reason;
    @Option(paramLabel = "N=FLOP", names = "--tranche-flop", description = "Set tranche N's budget, e.g. 1=2e25; N one past the last adds a tranche; repeat for several.") List<String> trancheFlop = new ArrayList<>();
    @Option(paramLabel = "PROVIDER/CLUSTER", names = "--cluster", description = "An authorized cluster (provider/cluster or provider/*); repeat; replaces the list.") List<String> clusters = new ArrayList<>();
    @Option(paramLabel = "PROVIDER/ACCOUNT", names = "--account", description = "An account that may charge the licence; repeat; replaces the list.") List<String> accounts = new ArrayList<>();
    @Option(paramLabel = "TIME", names = "--valid-from", description = "New start of validity (RFC 3339 UTC, e.g. 2027-01-01T00:00:00Z).") String validFrom;
    @Option(paramLabel = "TIME", names = "--valid-until", description = "New end of validity (RFC 3339 UTC).") String validUntil;
    @Option(paramLabel = "TEXT", names = "--condition", description = "A condition of the licence; repeat; replaces the list.") List<String> conditions = new ArrayList<>();
    @Option(paramLabel = "FILE", names = "--terms", description = "The whole amended terms as JSON (the licence format; - for stdin) instead of the options above.") Path terms;

    @Override
    public Integer call() throws Exception {
        boolean edits = !trancheFlop.isEmpty() || !clusters.isEmpty() || !accounts.isEmpty() || validFrom != null
                || validUntil != null || !conditions.isEmpty();
        if (terms != null && edits) {
            throw new InvalidInputException("--terms", "--terms gives the whole amended terms; it cannot be combined with"
                    + " --tranche-flop, --cluster, --account, --valid-from, --valid-until or --condition.", "Use one or the other.");
        }
        if (terms == null && !edits) {
            throw new InvalidInputException("--tranche-flop", "Nothing to amend: give at least one change.",
                    "E.g. --tranche-flop 2=5e25, --cluster cloud-c/*, --valid-until 2028-01-01T00:00:00Z, or --terms FILE.");
        }
        if (reason.isBlank()) {
            throw new InvalidInputException("--reason", "The reason is empty.", "Say why the licence is amended.");
        }
        JsonNode current = registry.get("/api/v1/licences/" + RegistryCommands.enc(id));
        int released = current.path("tranchesReleased").asInt();
        ObjectNode amended;
        if (terms != null) {
            String text = terms.toString().equals("-") ? new String(System.in.readNBytes(Inputs.MAX_SMALL_FILE), StandardCharsets.UTF_8)
                    : Inputs.readText(terms, "--terms", "licence terms");
            try {
                amended = (ObjectNode) JSON.readTree(text);
            } catch (Exception e) {
                throw new InvalidInputException("--terms", "The amended terms are not a JSON object: " + e.getMessage() + ".",
                        "See docs/LICENSING.md for the licence format.", e);
            }
        } else {
            amended = ((ObjectNode) current.path("terms")).deepCopy();
            edit(amended);
        }
        amended.put("tranchesReleased", released);
        LicenceJson.Terms parsed;
        try {
            parsed = LicenceJson.parse(amended);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new InvalidInputException(terms != null ? "--terms" : "--tranche-flop", "The amended terms are invalid: "
                    + e.getMessage() + ".", "See docs/LICENSING.md for the licence format.");
        }
        if (!parsed.licence().id().equals(id)) {
            throw new InvalidInputException("--terms", "The terms are for licence " + parsed.licence().id() + ", not " + id + ".",
                    "Amend the licence the terms name.");
        }
        int number = current.path("amendments").asInt() + 1;
        RegistryCommands.accepted(RegistryCommands.out(spec), registry.submit(LicensingStatements.amendment(registry.writer(),
                parsed.licence(), released, number, reason)), json.json);
        return 0;
    }

    private void edit(ObjectNode t) throws InvalidInputException {
        var tranches = t.withArray("tranches");
        for (String s : trancheFlop) {
            int eq = s.indexOf('=');
            int n;
            BigInteger flop;
            try {
                n = Integer.parseInt(s.substring(0, Math.max(eq, 0)).strip());
                flop = LicenceJson.flop(s.substring(eq + 1), "--tranche-flop");
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--tranche-flop", "'" + s + "' is not N=FLOP.", "E.g. --tranche-flop 2=5e25.");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--tranche-flop", e.getMessage() + ".", "E.g. --tranche-flop 2=5e25.");
            }
            if (n < 1 || n > tranches.size() + 1) {
                throw new InvalidInputException("--tranche-flop", "This licence has tranches 1.." + tranches.size() + "; "
                        + n + " is neither one of them nor the next.", "Set an existing tranche, or add tranche " + (tranches.size() + 1) + ".");
            }
            if (n == tranches.size() + 1) {
                tranches.addObject().put("flop", flop.toString());
            } else {
                ((ObjectNode) tranches.get(n - 1)).put("flop", flop.toString());
            }
        }
        if (!clusters.isEmpty()) {
            var a = t.putArray("clusters");
            clusters.forEach(a::add);
        }
        if (!accounts.isEmpty()) {
            var a = t.putArray("accounts");
            accounts.forEach(a::add);
        }
        if (validFrom != null) {
            t.put("validFrom", time(validFrom, "--valid-from"));
        }
        if (validUntil != null) {
            t.put("validUntil", time(validUntil, "--valid-until"));
        }
        if (!conditions.isEmpty()) {
            var a = t.putArray("conditions");
            conditions.forEach(a::add);
        }
    }

    private static String time(String s, String option) throws InvalidInputException {
        try {
            return Instant.parse(s.strip()).toString();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(option, "'" + s + "' is not an RFC 3339 UTC time.", "E.g. 2027-01-01T00:00:00Z.");
        }
    }
}
