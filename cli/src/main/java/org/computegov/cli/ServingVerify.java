package org.computegov.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.computegov.deployment.authorization.ServingCheck;
import org.computegov.deployment.oms.ModelException;
import org.computegov.deployment.oms.ModelHasher;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.bundle.BundleVerifier;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.note.NoteVerifier;
import org.computegov.ledger.note.VerifierSet;
import picocli.CommandLine.Option;

/**
 * The serving check of {@code cgov model verify DIR --authorization BUNDLE}: offline, with the regulator's key and
 * the log's key only. Allow (exit 0) or deny (exit 1) with the reasons on stdout.
 */
final class ServingVerify {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The options only the authorization check takes. */
    static final class Options {
        @Option(names = "--authorization", paramLabel = "BUNDLE",
                description = "A deployment authorization bundle (from 'cgov deploy authorize'): allow serving DIR only "
                        + "if it is logged, signed by --regulator, fresh, unrevoked, and DIR hashes to its fingerprint.")
        Path bundle;

        @Option(names = "--regulator", paramLabel = "KEY",
                description = "The regulator's public key: PEM file or Ed25519 vkey (or a file holding it).")
        String regulator;

        @Option(names = "--log-key", paramLabel = "VKEY",
                description = "The transparency log's verifier key (vkey, or a file holding it), as 'cgov serve' logs it.")
        String logKey;

        @Option(names = "--log-origin", paramLabel = "ORIGIN",
                description = "The log's checkpoint origin (default: the --log-key's name).")
        String origin;

        @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "PT24H",
                description = "Oldest status statement accepted, ISO-8601 (default ${DEFAULT-VALUE}): a revocation "
                        + "reaches this check within that time.")
        String maxAge;

        @Option(names = "--region", paramLabel = "REGION", description = "Where the model will be served; checked against the authorized regions.")
        String region;

        @Option(names = "--provider", paramLabel = "ACTOR", description = "Who serves it; checked against the authorized providers.")
        String provider;
    }

    static int run(Path dir, Options o, Integer threads, boolean json, PrintWriter out, PrintWriter err) throws Exception {
        if (o.regulator == null || o.logKey == null) {
            throw new InvalidInputException(o.regulator == null ? "--regulator" : "--log-key",
                    "--authorization needs the regulator's key (--regulator) and the log's key (--log-key).",
                    "Both are public: ask the registry's operator, or see 'cgov serve' output and data/regulator.pub.");
        }
        DsseVerifier regulator = ModelCommand.loadVerifier(o.regulator, "--regulator");
        NoteVerifier log = Inputs.noteVerifier(o.logKey, "--log-key");
        Duration age;
        try {
            age = Duration.parse(o.maxAge);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("--max-age", "--max-age '" + o.maxAge + "' is not an ISO-8601 duration.",
                    "Write e.g. PT24H or P7D.", e);
        }
        if (age.isNegative() || age.isZero()) {
            throw new InvalidInputException("--max-age", "--max-age must be positive.", "Write e.g. PT24H.");
        }
        Bundle bundle;
        try {
            bundle = Bundle.parse(Inputs.read(o.bundle, "--authorization", "authorization bundle"));
        } catch (FormatException e) {
            throw new InvalidInputException("--authorization", "File " + o.bundle + " is not an authorization bundle: "
                    + e.getMessage() + ".", "Give the file 'cgov deploy authorize' wrote.", e);
        }
        Clock clock = Clock.systemUTC();
        BundleVerifier verifier = new BundleVerifier(new Dsse(List.of(regulator), 1), VerifierSet.of(log),
                o.origin != null ? o.origin : log.name(), Statement.PAYLOAD_TYPE,
                new BundleVerifier.Freshness(age, Duration.ofMinutes(5)), clock);
        ServingCheck.Site site = new ServingCheck.Site(Optional.ofNullable(o.region), Optional.ofNullable(o.provider));
        ServingCheck.Decision d;
        try (ModelHasher hasher = threads == null ? new ModelHasher() : new ModelHasher(threads)) {
            d = ServingCheck.check(dir, bundle, verifier, site, clock.instant(), hasher, TerminalProgress.forTerminal(err));
        } catch (ModelException e) {
            throw new InvalidInputException("DIR", e.getMessage() + ".", e.hint(), e);
        }
        if (json) {
            ObjectNode j = JSON.createObjectNode();
            j.put("allowed", d.allowed());
            d.reasons().forEach(j.putArray("reasons")::add);
            d.authorization().ifPresent(a -> j.put("authorizationId", a.id()).put("authorizedRoot", a.rootHex()));
            d.root().ifPresent(r -> j.put("root", r));
            d.diff().added().forEach(j.putArray("added")::add);
            d.diff().removed().forEach(j.putArray("removed")::add);
            d.diff().changed().forEach(j.putArray("changed")::add);
            d.freshUntil().ifPresent(t -> j.put("freshUntil", t.toString()));
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(j));
        } else if (d.allowed()) {
            out.println("ALLOWED: " + dir + " is the model authorized by " + d.authorization().orElseThrow().id()
                    + " (root " + d.root().orElseThrow() + ")" + d.freshUntil().map(t -> "; decision holds until " + t).orElse(""));
        } else {
            out.println("DENIED: " + dir);
            d.reasons().forEach(r -> out.println("  " + r));
        }
        out.flush();
        return d.allowed() ? 0 : 1;
    }
}
