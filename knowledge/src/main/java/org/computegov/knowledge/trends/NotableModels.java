package org.computegov.knowledge.trends;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Epoch AI's notable-models data set as shipped (snapshot 2025-02-24, https://epoch.ai/data/notable-ai-models,
 * CC-BY 4.0; credit "Epoch AI"), read into {@link NotableModel}s sorted by publication date.
 */
public final class NotableModels {
    static final String BUILT_IN = "/org/computegov/knowledge/notable_models_epoch_2025-02-24.csv";
    /** The credit line every output that shows this data carries. */
    public static final String CREDIT = "Epoch AI, 'Data on Notable AI Models' (snapshot 2025-02-24), CC-BY 4.0, "
            + "https://epoch.ai/data/notable-ai-models";

    private final List<NotableModel> models;
    private final String source;

    public NotableModels(List<NotableModel> models, String source) {
        this.models = models.stream().sorted(Comparator.comparing(NotableModel::published)
                .thenComparing(NotableModel::name)).toList();
        this.source = source;
    }

    public static NotableModels builtIn() {
        try (InputStream in = NotableModels.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("notable-models data missing from the classpath: " + BUILT_IN);
            }
            return new NotableModels(read(new InputStreamReader(in, StandardCharsets.UTF_8)), CREDIT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads Epoch's CSV columns (Model, Domain, Organization, Country, Publication date, Training compute). */
    static List<NotableModel> read(Reader reader) throws IOException {
        List<NotableModel> out = new ArrayList<>();
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            String date = r.get("Publication date").strip();
            if (date.isEmpty()) {
                continue;
            }
            LocalDate published;
            try {
                published = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("notable models, line " + r.getRecordNumber() + ": bad date " + date, e);
            }
            String flop = r.get("Training compute (FLOP)").strip();
            List<String> domains = Arrays.stream(r.get("Domain").split(",")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            out.add(new NotableModel(r.get("Model").strip(), domains, r.get("Organization").strip(),
                    r.get("Country (from Organization)").strip(), published,
                    flop.isEmpty() ? null : Double.valueOf(flop)));
        }
        return out;
    }

    /** Every model, oldest first. */
    public List<NotableModel> all() {
        return models;
    }

    /** Where the data come from, for the credit line in every answer. */
    public String source() {
        return source;
    }

    /** Each domain with how many models that have a compute estimate carry it, most common first. */
    public Map<String, Integer> domainsWithCompute() {
        Map<String, Integer> counts = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (NotableModel m : models) {
            if (m.trainingFlop() != null) {
                m.domains().forEach(d -> counts.merge(d, 1, Integer::sum));
            }
        }
        return counts;
    }
}
