package org.computegov.api;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.Inputs;
import org.computegov.knowledge.export.ExportClassifier;
import org.computegov.knowledge.export.ExportRules;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.knowledge.thresholds.RegimeCatalog;
import org.computegov.shaping.concern.ActorAssessment;
import org.computegov.shaping.concern.ActorsOfConcern;
import org.computegov.shaping.concern.Holding;
import org.computegov.shaping.concern.HoldingsFile;
import org.computegov.shaping.supplychain.DestinationPolicy;
import org.computegov.shaping.supplychain.TransferCheck;
import org.computegov.shaping.supplychain.TransferDecision;

/**
 * The shaping capability's pure queries as the CLI and the HTTP API ask them: the reach of the regimes in chips,
 * actors of concern from holdings, and the export-control check of a transfer. Inputs arrive as text and are
 * checked here once.
 */
public final class ShapingApi {
    private final Lazy<HardwareCatalog> catalog;
    private final Lazy<RegimeCatalog> regimes;
    private final Lazy<ExportClassifier> classifier;
    private final Clock clock;

    public ShapingApi(Lazy<HardwareCatalog> catalog, Lazy<ExportRules> rules, Lazy<RegimeCatalog> regimes, Clock clock) {
        this.catalog = catalog;
        this.regimes = regimes;
        this.classifier = Lazy.of(() -> new ExportClassifier(rules.get()));
        this.clock = clock;
    }

    /** How many of a chip reach each in-force training-compute threshold within a window. */
    public record Reach(String chip, double days, double utilization, LocalDate date, Map<String, Double> chipsNeeded) {}

    /** Every owner's assessment (or only those that could cross something), with the window that was asked. */
    public record Concern(double days, double utilization, LocalDate date, String referenceChip,
            Map<String, Double> chipsNeeded, List<ActorAssessment> actors) {}

    public Reach reach(String chip, String within, String utilization, String date) throws InvalidInputException {
        double days = Inputs.positive("--within", within);
        double u = utilization(utilization);
        LocalDate day = day(date);
        String name = catalog.get().find(chip == null ? "A100" : chip).name();
        return new Reach(name, days, u, day, actors().chipsToCross(name, days, u, day, regimes.get()));
    }

    public Concern concern(List<Holding> holdings, String within, String utilization, String date, String chip,
            boolean all) throws InvalidInputException {
        Reach reach = reach(chip, within, utilization, date);
        return new Concern(reach.days(), reach.utilization(), reach.date(), reach.chip(), reach.chipsNeeded(),
                actors().assess(holdings, reach.days(), reach.utilization(), reach.date(), !all));
    }

    public Concern concern(Path holdingsFile, String within, String utilization, String date, String chip, boolean all)
            throws InvalidInputException {
        return concern(holdingsFile == null ? List.of() : HoldingsFile.read(holdingsFile), within, utilization, date,
                chip, all);
    }

    public TransferDecision checkTransfer(String chip, String count, String toCountry, String date, Path policyFile)
            throws InvalidInputException {
        DestinationPolicy policy = policyFile == null ? DestinationPolicy.builtIn() : DestinationPolicy.fromFile(policyFile);
        double n = Inputs.positive("--count", count == null ? "1" : count);
        if (n != Math.rint(n)) {
            throw new InvalidInputException("--count", "--count must be a whole number of chips, got " + count + ".", "");
        }
        return new TransferCheck(catalog.get(), classifier.get(), policy).check(chip, (long) n, toCountry, day(date));
    }

    private ActorsOfConcern actors() throws InvalidInputException {
        return new ActorsOfConcern(catalog.get(), regimes.get());
    }

    private static double utilization(String text) throws InvalidInputException {
        if (text == null) {
            return 0.4;
        }
        double u = Inputs.number("--utilization", text);
        Inputs.requireFraction("--utilization", u);
        return u;
    }

    private LocalDate day(String date) throws InvalidInputException {
        return date == null ? LocalDate.now(clock) : Inputs.date("--date", date);
    }
}
