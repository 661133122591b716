package org.computegov.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;
import org.computegov.knowledge.trends.Basis;
import org.computegov.knowledge.trends.CrossingForecast;
import org.computegov.knowledge.trends.FrontierPoint;
import org.computegov.knowledge.trends.TrendFit;
import org.computegov.knowledge.trends.Trends;

/**
 * Compute trends as the CLI ({@code cgov trends}) and the HTTP API ({@code /api/v1/trends}) both ask for them:
 * text inputs checked once here. Defaults: from 2010-01-01 to the end of the data, every domain, 90% intervals.
 */
public final class TrendsApi {
    private final Lazy<Trends> trends;

    public TrendsApi(Lazy<Trends> trends) {
        this.trends = trends;
    }

    public static TrendsApi builtIn() {
        return new TrendsApi(Lazy.of(Trends::builtIn));
    }

    /** The frontier as an answer: the record-setting models, with the data's credit line. */
    public record FrontierView(LocalDate from, LocalDate to, String domain, List<FrontierPoint> frontier, String source) {}

    public TrendFit fit(String from, String to, String domain, String basis, String confidence)
            throws InvalidInputException {
        return trends.get().fit(basis(basis, Basis.ALL), selection(from, to, domain), confidence(confidence));
    }

    public FrontierView frontier(String from, String to, String domain) throws InvalidInputException {
        Trends.Selection s = selection(from, to, domain);
        return new FrontierView(s.from(), s.to(), s.domain(), trends.get().frontier(s), trends.get().data().source());
    }

    public CrossingForecast forecast(String flop, String from, String to, String domain, String confidence)
            throws InvalidInputException {
        return trends.get().forecast(Inputs.positive("--flop", flop), selection(from, to, domain), confidence(confidence));
    }

    /** Each domain with its number of models that carry a compute estimate. */
    public Map<String, Integer> domains() throws InvalidInputException {
        return trends.get().data().domainsWithCompute();
    }

    private static Trends.Selection selection(String from, String to, String domain) throws InvalidInputException {
        return new Trends.Selection(from == null ? Trends.DEFAULT_FROM : Inputs.date("--from", from),
                to == null ? null : Inputs.date("--to", to), domain == null || domain.isBlank() ? null : domain.strip());
    }

    private static Basis basis(String text, Basis fallback) throws InvalidInputException {
        if (text == null) {
            return fallback;
        }
        return Basis.parse(text).orElseThrow(() -> new InvalidInputException("--basis",
                "Unknown basis '" + text + "'.", "Use 'all' (every model with a compute estimate) or 'frontier' "
                + "(models that were the largest run to date)."));
    }

    private static double confidence(String text) throws InvalidInputException {
        if (text == null) {
            return Trends.DEFAULT_CONFIDENCE;
        }
        double c = Inputs.number("--confidence", text);
        if (!(c > 0 && c < 1)) {
            throw new InvalidInputException("--confidence", "--confidence must be a fraction in (0, 1), got " + text + ".",
                    "E.g. 0.9 for a 90% interval.");
        }
        return c;
    }
}
