package org.computegov.shaping.concern;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.computegov.knowledge.InvalidInputException;

/**
 * Declared holdings as CSV: {@code owner,site,country,chip,count[,network_gbps]}. All or nothing: every bad line is
 * reported with its number and nothing is read.
 */
public final class HoldingsFile {
    private HoldingsFile() {}

    public static List<Holding> read(Path file) throws InvalidInputException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        } catch (IOException e) {
            throw new InvalidInputException("--holdings", "Cannot read " + file + ": " + e.getMessage(),
                    "Give a CSV file with columns owner,site,country,chip,count[,network_gbps].", e);
        }
    }

    static List<Holding> read(Reader reader, String origin) throws IOException, InvalidInputException {
        List<Holding> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        var format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true).get();
        var parser = format.parse(reader);
        for (String needed : List.of("owner", "site", "country", "chip", "count")) {
            if (!parser.getHeaderMap().containsKey(needed)) {
                throw new InvalidInputException("--holdings", origin + ": no '" + needed + "' column.",
                        "The header must name owner,site,country,chip,count (network_gbps optional).");
            }
        }
        boolean network = parser.getHeaderMap().containsKey("network_gbps");
        for (CSVRecord r : parser) {
            long line = r.getRecordNumber() + 1;
            try {
                long count = Long.parseLong(r.get("count"));
                Double gbps = network && !r.get("network_gbps").isBlank() ? Double.valueOf(r.get("network_gbps")) : null;
                if (r.get("owner").isBlank() || r.get("site").isBlank() || r.get("chip").isBlank()) {
                    problems.add("line " + line + ": owner, site and chip are required");
                } else if (count <= 0) {
                    problems.add("line " + line + ": count must be at least 1, got " + count);
                } else {
                    out.add(new Holding(r.get("owner"), r.get("site"), r.get("country").toUpperCase(java.util.Locale.ROOT),
                            r.get("chip"), count, gbps, "declared"));
                }
            } catch (NumberFormatException e) {
                problems.add("line " + line + ": count must be a whole number and network_gbps a number");
            } catch (IllegalArgumentException | IllegalStateException e) {
                problems.add("line " + line + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("--holdings", origin + ": " + String.join("; ", problems) + ".",
                    "Fix those lines; nothing was read.");
        }
        return out;
    }
}
