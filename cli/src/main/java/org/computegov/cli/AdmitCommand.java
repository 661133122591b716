package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.bundle.StatusException;
import org.computegov.ledger.bundle.VerifiedBundle;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.VerifierSet;
import org.computegov.licensing.admission.Admission;
import org.computegov.licensing.admission.AdmissionPolicy;
import org.computegov.licensing.admission.ComputeRate;
import org.computegov.licensing.admission.Decision;
import org.computegov.licensing.admission.JobRequest;
import org.computegov.licensing.admission.LicenceBook;
import org.computegov.licensing.admission.LicenceJson;
import org.computegov.licensing.admission.LicenceState;
import org.computegov.licensing.service.AdmissionJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cgov admit --bundle FILE …}: an admission decision with no network, from a licence bundle verified with the
 * regulator's and the log's keys alone. The licence's released budget as of the bundle, less {@code --used} (what the
 * provider has already counted against it), is what the job's maximum compute must fit in. Exit 0 allow, 1 deny,
 * 2 bad input.
 */
@Command(name = "admit", mixinStandardHelpOptions = true,
        description = "Decide offline whether a job may start under a licence bundle (allow, or deny with the reason).")
final class AdmitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(paramLabel = "FILE", names = "--bundle", required = true, description = "The licence bundle (JSON from 'cgov licence bundle'); - for stdin.") Path bundle;
    @Option(paramLabel = "FILE", names = "--issuer-key", required = true, description = "The regulator's verifier key (vkey or file); repeat for several.") List<String> issuerKeys;
    @Option(paramLabel = "KEY", names = "--log-key", required = true, description = "The log's verifier key (vkey or file); repeat for several.") List<String> logKeys;
    @Option(paramLabel = "ORIGIN", names = "--log-origin", description = "The log's checkpoint origin (default: the first log key's name).") String origin;
    @Option(paramLabel = "DURATION", names = "--max-status-age", defaultValue = "24h", description = "Oldest status statement accepted, e.g. 24h, 90m; 'none' to not require one (default ${DEFAULT-VALUE}).") String maxStatusAge;
    @Option(paramLabel = "ID", names = "--provider", required = true, description = "This provider's computegov id.") String provider;
    @Option(paramLabel = "ID", names = "--cluster", required = true, description = "The cluster the job runs on.") String cluster;
    @Option(paramLabel = "ACCOUNT", names = "--account", defaultValue = "", description = "The customer account the job charges.") String account;
    @Option(paramLabel = "CHIP", names = "--chip", required = true, description = "Chip type, as the catalog names it (cgov chips list).") String chip;
    @Option(paramLabel = "N", names = "--chips", required = true, description = "Number of chips.") int chips;
    @Option(paramLabel = "DURATION", names = "--time-limit", required = true, description = "The job's time limit: 48h, 90m, 2d or minutes.") String timeLimit;
    @Option(paramLabel = "FLOP", names = "--used", defaultValue = "0", description = "FLOP already counted against the licence here (held or used), e.g. 2.5e25.") String used;
    @Option(names = "--json", description = "Print the decision as JSON: decision, code, reason, requested, available.") boolean json;

    @Override
    public Integer call() throws Exception {
        byte[] raw = bundle.toString().equals("-") ? System.in.readNBytes(Bundle.MAX_SIZE + 1)
                : Inputs.read(bundle, "--bundle", "bundle");
        Duration limit = duration(timeLimit, "--time-limit");
        BundleVerifier verifier = verifier(issuerKeys, logKeys, origin, maxStatusAge, Clock.systemUTC());
        BigInteger usedFlop = used.strip().equals("0") ? BigInteger.ZERO : flop(used);
        Bundle b = bundle(raw, "--bundle");
        JobRequest job;
        try {
            job = new JobRequest(provider, cluster, account, "bundle", chip, chips, limit, "offline");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--chips", e.getMessage() + ".", "Give the job's chips and time limit.");
        }
        Decision d;
        ObjectNode bundleInfo = AdmissionJson.mapper().createObjectNode();
        try {
            VerifiedBundle v = verifier.verify(b);
            bundleInfo.put("leafIndex", v.leafIndex()).put("treeSize", v.checkpoint().size());
            v.freshUntil().ifPresent(t -> bundleInfo.put("freshUntil", t.toString()));
            LicenceJson.Terms terms = terms(v);
            LicenceBook book = new LicenceBook();
            LicenceState state = book.add(terms.licence(), terms.tranchesReleased());
            if (usedFlop.signum() > 0) {
                state.budget().settle("counted-here", usedFlop);
            }
            job = new JobRequest(provider, cluster, account, terms.licence().id(), chip, chips, limit, "offline");
            d = new Admission(book, ComputeRate.builtIn(), AdmissionPolicy.defaults(), Clock.systemUTC()).decide(job, true);
        } catch (StatusException e) {
            String code = switch (e.problem()) {
                case SUSPENDED -> "licence-suspended";
                case REVOKED -> "licence-revoked";
                default -> "status-" + e.problem().name().toLowerCase(Locale.ROOT).replace('_', '-');
            };
            d = deny(code, "The licence bundle's status does not allow jobs: " + e.getMessage() + ".", job);
        } catch (VerificationException e) {
            d = deny("bundle-invalid", "The licence bundle does not verify with the given keys: " + e.getMessage()
                    + ". Get the bundle again from the regulator or check the keys.", job);
        } catch (IllegalArgumentException e) {
            d = deny("bundle-invalid", "The bundle's statement is not a licence: " + e.getMessage() + ".", job);
        }
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = AdmissionJson.decision(d);
            o.set("bundle", bundleInfo);
            out.println(o.toString());
        } else {
            out.println(d.decision().wire() + " (" + d.code() + "): " + d.reason());
        }
        return d.allowed() ? 0 : 1;
    }

    /**
     * Verifies licence bundles as {@code --issuer-key}, {@code --log-key}, {@code --log-origin} and
     * {@code --max-status-age} say (shared by {@code cgov admit} and {@code cgov admission serve}).
     */
    static BundleVerifier verifier(List<String> issuerKeys, List<String> logKeys, String origin, String maxStatusAge,
            Clock clock) throws InvalidInputException {
        BundleVerifier.Freshness freshness = maxStatusAge.equalsIgnoreCase("none") ? BundleVerifier.Freshness.NONE
                : new BundleVerifier.Freshness(duration(maxStatusAge, "--max-status-age"), Duration.ofMinutes(5));
        List<DsseVerifier> issuers = new ArrayList<>();
        for (String k : issuerKeys) {
            VerifierKey v = Inputs.vkey(k, "--issuer-key");
            try {
                issuers.add(DsseVerifier.ed25519("", v.ed25519Key()));
            } catch (FormatException e) {
                throw new InvalidInputException("--issuer-key", "Key " + v.name() + " is not an Ed25519 key: " + e.getMessage() + ".",
                        "Give the regulator's verifier key, as 'cgov keys show' prints it.", e);
            }
        }
        List<Ed25519NoteVerifier> logs = new ArrayList<>();
        for (String k : logKeys) {
            logs.add(Inputs.ed25519Verifier(k, "--log-key"));
        }
        return new BundleVerifier(new Dsse(issuers, 1), VerifierSet.of(logs), origin != null ? origin : logs.get(0).name(),
                Statement.PAYLOAD_TYPE, freshness, clock);
    }

    static Bundle bundle(byte[] raw, String field) throws InvalidInputException {
        try {
            return Bundle.parse(raw);
        } catch (FormatException e) {
            throw new InvalidInputException(field, "The bundle cannot be read: " + e.getMessage() + ".",
                    "Give the JSON that 'cgov licence bundle' wrote.", e);
        }
    }

    /** The licence terms a verified bundle's statement carries. */
    static LicenceJson.Terms terms(VerifiedBundle v) throws VerificationException {
        JsonNode predicate = Statement.parse(v.payload()).predicate();
        return LicenceJson.parse(predicate == null ? null : predicate.get("licence"));
    }

    private static Decision deny(String code, String reason, JobRequest job) {
        return new Decision(Decision.Outcome.DENY, code, reason, BigInteger.ZERO, null, job.maxChipHours(), null, null, null);
    }

    static BigInteger flop(String s) throws InvalidInputException {
        try {
            return LicenceJson.flop(s, "--used");
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--used", e.getMessage() + ".", "Give FLOP as a number, e.g. 2.5e25.");
        }
    }

    static Duration duration(String s, String field) throws InvalidInputException {
        String t = s.strip().toLowerCase(Locale.ROOT);
        try {
            long n;
            if (t.endsWith("d")) {
                n = Long.parseLong(t.substring(0, t.length() - 1)) * 1440;
            } else if (t.endsWith("h")) {
                n = Long.parseLong(t.substring(0, t.length() - 1)) * 60;
            } else if (t.endsWith("m")) {
                n = Long.parseLong(t.substring(0, t.length() - 1));
            } else {
                n = Long.parseLong(t);
            }
            if (n <= 0 || n > 366L * 1440) {
                throw new NumberFormatException();
            }
            return Duration.ofMinutes(n);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " '" + s + "' is not a duration of 1 minute to 366 days.",
                    "Write e.g. 48h, 90m, 2d, or a number of minutes.");
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
