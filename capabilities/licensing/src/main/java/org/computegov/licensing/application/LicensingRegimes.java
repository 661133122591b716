package org.computegov.licensing.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.licensing.admission.LicenceJson;

/**
 * A regulator's licensing regimes: which runs need a licence before training. A run needs one when its planned
 * compute (or the knowledge core's estimate, whichever is larger) reaches a regime's threshold. The file:
 * <pre>{"regimes": [{"id": "demo-1e26", "name": "…", "thresholdFlop": "1e26", "source": "…"}]}</pre>
 * Built in (and what the demo runs): one regime at 1e26 FLOP. {@code cgov serve --licensing-regimes FILE} replaces it.
 */
@org.computegov.registry.kernel.Published
public record LicensingRegimes(List<Regime> regimes) {
    public record Regime(String id, String name, BigInteger thresholdFlop, String source) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public LicensingRegimes {
        regimes = regimes.stream().sorted(Comparator.comparing(Regime::thresholdFlop)).toList();
    }

    /** The regime with the lowest threshold that {@code flop} reaches, if any. */
    public Optional<Regime> requiring(BigInteger flop) {
        return regimes.stream().filter(r -> flop.compareTo(r.thresholdFlop()) >= 0).findFirst();
    }

    /** The lowest threshold, for telling a run below every regime how far it is from needing a licence. */
    public Optional<Regime> lowest() {
        return regimes.stream().findFirst();
    }

    public static LicensingRegimes builtIn() {
        try (InputStream in = LicensingRegimes.class.getResourceAsStream("/licensing/regimes.json")) {
            return parse(JSON.readTree(in));
        } catch (IOException | InvalidInputException e) {
            throw new IllegalStateException("the built-in licensing regimes do not load", e);
        }
    }

    public static LicensingRegimes load(Path file) throws InvalidInputException {
        try {
            return parse(JSON.readTree(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new InvalidInputException("--licensing-regimes", "Cannot read licensing regimes from " + file + ": "
                    + e.getMessage() + ".", "Give a JSON file {\"regimes\": [{\"id\", \"name\", \"thresholdFlop\": \"1e26\"}]}.", e);
        }
    }

    public static LicensingRegimes parse(JsonNode o) throws InvalidInputException {
        JsonNode rs = o == null ? null : o.get("regimes");
        if (rs == null || !rs.isArray() || rs.isEmpty() || rs.size() > 100) {
            throw new InvalidInputException("--licensing-regimes", "The licensing regimes file must hold \"regimes\": a list of 1 to 100.",
                    "e.g. {\"regimes\": [{\"id\": \"eu-1e26\", \"name\": \"…\", \"thresholdFlop\": \"1e26\"}]}");
        }
        List<Regime> out = new ArrayList<>();
        for (int i = 0; i < rs.size(); i++) {
            JsonNode r = rs.get(i);
            String at = "--licensing-regimes regimes[" + i + "]";
            String id = r.path("id").asText("");
            if (id.isBlank() || out.stream().anyMatch(x -> x.id().equals(id))) {
                throw new InvalidInputException(at, "regimes[" + i + "].id is missing or repeated.", "Give each regime its own id.");
            }
            BigInteger t;
            try {
                t = LicenceJson.flop(r.get("thresholdFlop"), "regimes[" + i + "].thresholdFlop");
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(at, e.getMessage() + ".", "e.g. \"thresholdFlop\": \"1e26\"");
            }
            out.add(new Regime(id, r.path("name").asText(id), t, r.path("source").asText("")));
        }
        return new LicensingRegimes(out);
    }
}
