package org.computegov.knowledge.trends;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.computegov.knowledge.InvalidInputException;

/**
 * Trends of training compute over time from a set of models (Epoch AI's notable models, or the registry's own
 * runs): log-linear fits with intervals, the frontier (largest run to date), and when the frontier trend reaches a
 * level of compute. Field names in errors are the CLI's options; the API maps them to its parameters.
 */
public final class Trends {
    /** The deep-learning era, the period the published ~6-month doubling describes. */
    public static final LocalDate DEFAULT_FROM = LocalDate.of(2010, 1, 1);
    public static final double DEFAULT_CONFIDENCE = 0.90;

    private final NotableModels data;

    public Trends(NotableModels data) {
        this.data = data;
    }

    public static Trends builtIn() {
        return new Trends(NotableModels.builtIn());
    }

    public NotableModels data() {
        return data;
    }

    /** A period and a domain; {@code to} null means to the end of the data, {@code domain} null means every domain. */
    public record Selection(LocalDate from, LocalDate to, String domain) {
        public static Selection since2010() {
            return new Selection(DEFAULT_FROM, null, null);
        }

        boolean contains(LocalDate date) {
            return !date.isBefore(from) && (to == null || !date.isAfter(to));
        }
    }

    public TrendFit fit(Basis basis, Selection selection, double confidence) throws InvalidInputException {
        check(selection, confidence);
        List<NotableModel> points = basis == Basis.FRONTIER ? frontierModels(selection) : withCompute(selection);
        return fitTo(basis, selection, points, confidence);
    }

    /** The models that were the largest training run to date (within the domain), published in the period. */
    public List<FrontierPoint> frontier(Selection selection) throws InvalidInputException {
        check(selection, DEFAULT_CONFIDENCE);
        return frontierModels(selection).stream()
                .map(m -> new FrontierPoint(m.published(), m.name(), m.organization(), m.trainingFlop())).toList();
    }

    /** When the frontier trend fitted over the selection reaches {@code flop}, and whether a model already has. */
    public CrossingForecast forecast(double flop, Selection selection, double confidence) throws InvalidInputException {
        if (!(flop > 0) || !Double.isFinite(flop)) {
            throw new InvalidInputException("--flop", "--flop must be a positive number of FLOP, got " + flop + ".",
                    "E.g. --flop 1e27.");
        }
        check(selection, confidence);
        List<NotableModel> frontier = frontierModels(selection);
        TrendFit trend = fitTo(Basis.FRONTIER, selection, frontier, confidence);
        LogLinearFit line = line(frontier);
        if (!(line.slope() > 0)) {
            throw new InvalidInputException("--from", "The frontier in this period does not grow (slope "
                    + line.slope() + " OOM/yr), so it never reaches " + flop + " FLOP.", "Choose a longer period.");
        }
        double y0 = Math.log10(flop);
        LogLinearFit.Interval interval = line.crossingInterval(y0, confidence);
        FrontierPoint first = frontierModels(new Selection(LocalDate.MIN, selection.to(), selection.domain())).stream()
                .filter(m -> m.trainingFlop() >= flop).findFirst()
                .map(m -> new FrontierPoint(m.published(), m.name(), m.organization(), m.trainingFlop())).orElse(null);
        return new CrossingForecast(flop, DecimalYear.toDate(line.crossing(y0)),
                interval.low() == null ? null : DecimalYear.toDate(interval.low()),
                interval.high() == null ? null : DecimalYear.toDate(interval.high()), first, trend);
    }

    private TrendFit fitTo(Basis basis, Selection selection, List<NotableModel> points, double confidence)
            throws InvalidInputException {
        if (points.size() < 3) {
            throw new InvalidInputException("--from", "Only " + points.size() + " " + (basis == Basis.FRONTIER
                    ? "frontier models" : "models with a compute estimate") + " fall in " + describe(selection)
                    + "; a trend with an interval needs at least 3.", "Widen the period (--from, --to) or drop --domain.");
        }
        if (points.get(0).published().equals(points.get(points.size() - 1).published())) {
            throw new InvalidInputException("--from", "Every model in " + describe(selection)
                    + " was published on one day; no trend over time can be fitted.", "Widen the period.");
        }
        return TrendFit.of(basis, selection.domain(), selection.from(), selection.to(),
                points.stream().map(NotableModel::published).toList(), line(points), confidence, data.source());
    }

    private static LogLinearFit line(List<NotableModel> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = DecimalYear.of(points.get(i).published());
            y[i] = Math.log10(points.get(i).trainingFlop());
        }
        return LogLinearFit.of(x, y);
    }

    private List<NotableModel> withCompute(Selection s) {
        return data.all().stream().filter(m -> m.trainingFlop() != null && m.trainingFlop() > 0
                && m.inDomain(s.domain()) && s.contains(m.published())).toList();
    }

    /** Record-setters over the whole history of the domain, then kept if published in the period. */
    private List<NotableModel> frontierModels(Selection s) {
        List<NotableModel> records = new ArrayList<>();
        double best = 0;
        for (NotableModel m : data.all()) {
            if (m.trainingFlop() != null && m.trainingFlop() > best && m.inDomain(s.domain())) {
                best = m.trainingFlop();
                if (s.contains(m.published())) {
                    records.add(m);
                }
            }
        }
        return records;
    }

    private void check(Selection s, double confidence) throws InvalidInputException {
        if (s.to() != null && s.to().isBefore(s.from())) {
            throw new InvalidInputException("--to", "--to " + s.to() + " is before --from " + s.from() + ".",
                    "Give --to on or after --from.");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new InvalidInputException("--confidence", "--confidence must be in (0, 1), got " + confidence + ".",
                    "E.g. 0.9 for a 90% interval.");
        }
        if (s.domain() != null && data.all().stream().noneMatch(m -> m.inDomain(s.domain()))) {
            throw new InvalidInputException("--domain", "No model has the domain '" + s.domain() + "'.",
                    "Known domains: " + data.domainsWithCompute().keySet().stream().collect(Collectors.joining(", ")) + ".");
        }
    }

    private static String describe(Selection s) {
        return s.from() + " to " + (s.to() == null ? "the end of the data" : s.to().toString())
                + (s.domain() == null ? "" : " in domain " + s.domain().toLowerCase(Locale.ROOT));
    }
}
