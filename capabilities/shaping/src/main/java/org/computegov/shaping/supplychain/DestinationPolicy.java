package org.computegov.shaping.supplychain;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.computegov.knowledge.InvalidInputException;

/**
 * Export policy per destination as data (destination_policy.csv, each row sourced): which chips a row covers
 * ({@code 3A090} for chips classified under ECCN 3A090, {@code *} for every chip), and whether a transfer there is
 * allowed, flagged or blocked, with the reason. Row {@code *} is the default for unlisted countries. A simplified
 * reading of the EAR for screening, not legal advice: a regulator loads its own file.
 */
@org.computegov.registry.kernel.Published
public final class DestinationPolicy {
    static final String BUILT_IN = "/org/computegov/shaping/destination_policy.csv";

    /** One row: a country (ISO 3166-1 alpha-2, or * for any other), the chips it covers and the action. */
    public record Rule(String country, String name, String groups, String appliesTo, TransferAction action,
            String reason, String source) {
        boolean coversControlled() {
            return appliesTo.equals("3A090") || appliesTo.equals("*");
        }
    }

    private final List<Rule> rules;
    private final String origin;

    private DestinationPolicy(List<Rule> rules, String origin) {
        this.rules = List.copyOf(rules);
        this.origin = origin;
    }

    public static DestinationPolicy builtIn() {
        try (InputStream in = DestinationPolicy.class.getResourceAsStream(BUILT_IN)) {
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), "built-in destination policy");
        } catch (IOException | InvalidInputException e) {
            throw new IllegalStateException("built-in destination policy is invalid: " + e.getMessage(), e);
        }
    }

    public static DestinationPolicy fromFile(Path file) throws InvalidInputException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new InvalidInputException("--policy", "Cannot read " + file + ": " + e.getMessage(),
                    "Give a CSV file with the columns of destination_policy.csv.", e);
        }
    }

    static DestinationPolicy read(Reader reader, String origin) throws IOException, InvalidInputException {
        List<Rule> rules = new ArrayList<>();
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            String where = origin + ", line " + (r.getRecordNumber() + 1);
            String country = r.get("country").strip().toUpperCase(Locale.ROOT);
            if (!country.equals("*") && !country.matches("[A-Z]{2}")) {
                throw new InvalidInputException("--policy", where + ": country must be ISO 3166-1 alpha-2 or *, got '"
                        + r.get("country") + "'.", "E.g. CN, AE, or * for any other destination.");
            }
            String applies = r.get("applies_to").strip();
            if (!applies.equals("3A090") && !applies.equals("*")) {
                throw new InvalidInputException("--policy", where + ": applies_to must be 3A090 or *, got '" + applies + "'.", "");
            }
            TransferAction action;
            try {
                action = TransferAction.valueOf(r.get("action").strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--policy", where + ": action must be allow, flag or block, got '"
                        + r.get("action") + "'.", "", e);
            }
            rules.add(new Rule(country, r.get("name").strip(), r.get("groups").strip(), applies, action,
                    r.get("reason").strip(), r.get("source").strip()));
        }
        return new DestinationPolicy(rules, origin);
    }

    public List<Rule> rules() {
        return rules;
    }

    public String origin() {
        return origin;
    }

    /** The rule for a destination and kind of chip: the country's own row first, then the default row. */
    Optional<Rule> ruleFor(String country, boolean controlled) {
        for (String c : new String[] {country, "*"}) {
            for (Rule r : rules) {
                if (r.country().equals(c) && (r.appliesTo().equals("*") || controlled)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
