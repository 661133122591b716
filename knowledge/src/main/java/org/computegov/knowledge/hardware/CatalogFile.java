package org.computegov.knowledge.hardware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.computegov.knowledge.InvalidInputException;

/**
 * Reads accelerator rows from the catalog's CSV format or the equivalent JSON (an array of objects with the same
 * field names). A row is a map from column to text, so that a user's file can override just some columns of a
 * built-in chip; {@link #toAccelerator} turns a complete row into an {@link Accelerator}.
 */
public final class CatalogFile {
    /** The catalog's columns; a user's file may carry any subset that includes {@code name}. */
    public static final List<String> COLUMNS = List.of("name", "aliases", "vendor", "year", "form_factor",
            "marketed_datacenter", "fp64_tflops", "tf32_tflops_dense", "fp16_bf16_tflops_dense", "fp8_tflops_dense",
            "int8_tops_dense", "fp4_tflops_dense", "memory_gb", "mem_bw_tbps", "die_area_mm2_applicable", "tdp_w",
            "scaleup_interconnect_gbps_bidir", "sparse_dense_convention", "uncertain_fields", "sources");

    private static final Map<Precision, String> THROUGHPUT_COLUMNS = Map.of(
            Precision.FP64, "fp64_tflops", Precision.TF32, "tf32_tflops_dense", Precision.FP16, "fp16_bf16_tflops_dense",
            Precision.FP8, "fp8_tflops_dense", Precision.INT8, "int8_tops_dense", Precision.FP4, "fp4_tflops_dense");

    private CatalogFile() {}

    public static List<Map<String, String>> readCsv(InputStream in, String source) throws InvalidInputException {
        try {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // A byte order mark (Windows editors write one) would otherwise become part of the first column's name.
            return readCsv(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text), source);
        } catch (IOException e) {
            throw new InvalidInputException("catalog", "Cannot read " + source + ": " + e.getMessage(), "", e);
        }
    }

    private static List<Map<String, String>> readCsv(Reader reader, String source) throws InvalidInputException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            requireKnownColumns(header, source);
            List<Map<String, String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < record.size(); i++) {
                    if (!record.get(i).isEmpty()) {
                        row.put(header.get(i), record.get(i));
                    }
                }
                requireName(row, source, "line " + record.getParser().getCurrentLineNumber());
                rows.add(row);
            }
            return rows;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidInputException("catalog", source + " is not valid CSV: " + e.getMessage(),
                    "Use a header row with columns such as " + String.join(",", COLUMNS.subList(0, 6)) + ".", e);
        }
    }

    /** Reads a user's file; its format is chosen by extension (.json, otherwise CSV). */
    public static List<Map<String, String>> read(Path file) throws InvalidInputException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("--catalog", "Cannot read catalog file " + file + ": " + e.getMessage(),
                    "Give the path of a CSV or JSON file.", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1); // a byte order mark (Windows editors write one) is not part of the first column
        }
        String source = file.toString();
        return source.toLowerCase(Locale.ROOT).endsWith(".json") ? readJson(text, source)
                : readCsv(new StringReader(text), source);
    }

    static List<Map<String, String>> readJson(String text, String source) throws InvalidInputException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidInputException("--catalog", source + " is not valid JSON: " + e.getOriginalMessage(),
                    "Give an array of objects such as [{\"name\": \"My Chip\", \"fp16_bf16_tflops_dense\": 500}].", e);
        }
        if (root == null || !root.isArray()) {
            throw new InvalidInputException("--catalog", source + " must hold a JSON array of chip objects.",
                    "For example [{\"name\": \"My Chip\", \"fp16_bf16_tflops_dense\": 500}].");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode item = root.get(i);
            if (!item.isObject()) {
                throw new InvalidInputException("--catalog", source + ": element " + i + " is not an object.", "");
            }
            Map<String, String> row = new LinkedHashMap<>();
            var fields = item.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                JsonNode v = f.getValue();
                if (v.isNull()) {
                    continue;
                }
                row.put(f.getKey().toLowerCase(Locale.ROOT), v.isArray() ? joinArray(v) : v.asText());
            }
            requireKnownColumns(List.copyOf(row.keySet()), source);
            requireName(row, source, "element " + i);
            rows.add(row);
        }
        return rows;
    }

    private static String joinArray(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(n -> parts.add(n.asText()));
        return String.join(";", parts);
    }

    private static void requireKnownColumns(List<String> columns, String source) throws InvalidInputException {
        for (String c : columns) {
            if (!COLUMNS.contains(c)) {
                throw new InvalidInputException("--catalog", source + ": unknown column '" + c + "'.",
                        "Known columns: " + String.join(", ", COLUMNS) + ".");
            }
        }
    }

    private static void requireName(Map<String, String> row, String source, String where) throws InvalidInputException {
        if (row.getOrDefault("name", "").isBlank()) {
            throw new InvalidInputException("--catalog", source + ", " + where + ": a chip needs a name.", "");
        }
    }

    /** Builds an accelerator from a complete row; numbers are checked and their column named on error. */
    public static Accelerator toAccelerator(Map<String, String> row, String source) throws InvalidInputException {
        String name = row.get("name");
        EnumMap<Precision, Double> ops = new EnumMap<>(Precision.class);
        for (var e : THROUGHPUT_COLUMNS.entrySet()) {
            Double v = number(row, e.getValue(), name, source);
            if (v != null) {
                ops.put(e.getKey(), v);
            }
        }
        List<String> aliases = row.containsKey("aliases")
                ? List.of(row.get("aliases").split("\\s*;\\s*")).stream().filter(a -> !a.isBlank()).toList() : List.of();
        Double year = number(row, "year", name, source);
        try {
            return new Accelerator(name, aliases, row.get("vendor"), year == null ? null : year.intValue(),
                    row.get("form_factor"), bool(row, "marketed_datacenter", name, source), ops,
                    number(row, "memory_gb", name, source), number(row, "mem_bw_tbps", name, source),
                    number(row, "die_area_mm2_applicable", name, source), number(row, "tdp_w", name, source),
                    number(row, "scaleup_interconnect_gbps_bidir", name, source), row.get("sparse_dense_convention"),
                    row.get("uncertain_fields"), row.get("sources"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--catalog", source + ": " + e.getMessage(), "", e);
        }
    }

    private static Double number(Map<String, String> row, String column, String name, String source)
            throws InvalidInputException {
        String text = row.get(column);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--catalog", source + ": chip '" + name + "', column " + column
                    + " must be a number, got '" + text + "'.", "Leave it empty when unknown.", e);
        }
    }

    private static boolean bool(Map<String, String> row, String column, String name, String source)
            throws InvalidInputException {
        String text = row.getOrDefault(column, "true").strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "yes", "1", "y" -> true;
            case "false", "no", "0", "n" -> false;
            default -> throw new InvalidInputException("--catalog", source + ": chip '" + name + "', column " + column
                    + " must be True or False, got '" + text + "'.", "");
        };
    }
}
