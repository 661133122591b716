package org.computegov.knowledge.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The versioned export-control rule sets shipped in export_rulesets.csv, oldest first. */
public final class ExportRules {
    private static final String RESOURCE = "/org/computegov/knowledge/export_rulesets.csv";
    private final List<ExportRuleSet> ruleSets;

    private ExportRules(List<ExportRuleSet> ruleSets) {
        this.ruleSets = List.copyOf(ruleSets);
    }

    public static ExportRules builtIn() {
        try (InputStream in = ExportRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExportRules parse(InputStream in) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, List<ExportClause>> clauses = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
            for (CSVRecord r : parser) {
                titles.putIfAbsent(r.get("ruleset"), r.get("ruleset_title"));
                clauses.computeIfAbsent(r.get("ruleset"), k -> new ArrayList<>()).add(clause(r));
            }
        }
        List<ExportRuleSet> sets = new ArrayList<>();
        clauses.forEach((id, cs) -> sets.add(new ExportRuleSet(id, titles.get(id), cs)));
        sets.sort(Comparator.comparing(ExportRuleSet::effectiveFrom));
        return new ExportRules(sets);
    }

    private static ExportClause clause(CSVRecord r) {
        List<Bound> bounds = new ArrayList<>();
        addBound(bounds, Figure.TPP, r.get("tpp_min"), r.get("tpp_below"));
        addBound(bounds, Figure.PERFORMANCE_DENSITY, r.get("pd_min"), r.get("pd_below"));
        addBound(bounds, Figure.IO_BANDWIDTH, r.get("io_min_gbps"), "");
        addBound(bounds, Figure.MEMORY_BANDWIDTH, "", r.get("mem_bw_below_gbps"));
        String until = r.get("effective_until");
        return new ExportClause(r.get("clause"), ClauseKind.valueOf(r.get("kind").toUpperCase(java.util.Locale.ROOT)),
                Applicability.parse(r.get("applies_to")), bounds, LocalDate.parse(r.get("effective_from")),
                until.isBlank() ? null : LocalDate.parse(until), r.get("summary"), r.get("remark"),
                Applicability.parse(r.get("remark_applies_to")), r.get("source"));
    }

    private static void addBound(List<Bound> bounds, Figure figure, String min, String below) {
        if (!min.isBlank() || !below.isBlank()) {
            bounds.add(new Bound(figure, min.isBlank() ? null : Double.valueOf(min),
                    below.isBlank() ? null : Double.valueOf(below)));
        }
    }

    public List<ExportRuleSet> all() {
        return ruleSets;
    }

    public Optional<ExportRuleSet> inForceOn(LocalDate day) {
        return ruleSets.stream().filter(s -> s.inForceOn(day)).findFirst();
    }
}
