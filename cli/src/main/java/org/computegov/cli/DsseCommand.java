package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.dsse.VerifiedPayload;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.merkle.Rfc6962;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov dsse}: DSSE envelopes, the signed form of every log entry (subcommands registered by {@link Cgov}). */
@Command(name = "dsse", mixinStandardHelpOptions = true,
        description = "Sign and verify DSSE envelopes (the signed statements the transparency log records).")
final class DsseCommand {

    /** The DSSE keyid cgov writes for a signer key: its note-style name+id, which a vkey also starts with. */
    static String keyId(SignerKey key) {
        return key.name() + "+" + KeyIds.hex(key.keyId());
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Sign a payload into a DSSE envelope and print the envelope JSON.",
                    "The signature is Ed25519 over the DSSE pre-authentication encoding; keyid is name+keyid of the key."})
    static final class Sign implements Callable<Integer> {
        @Spec CommandSpec spec;
        @ArgGroup(exclusive = true, multiplicity = "0..1") SignerKeySource skey;

        @Option(names = "--json", description = "Accepted for uniformity: the envelope is JSON already.")
        boolean json;

        @Option(names = "--payload-type", required = true, paramLabel = "TYPE",
                description = "The payload's media type, e.g. application/vnd.in-toto+json.")
        String payloadType;

        @Parameters(paramLabel = "PAYLOAD", description = "File holding the payload bytes, signed exactly as they are ('-': standard input).")
        Path payload;

        @Override
        public Integer call() throws Exception {
            if (payloadType.isBlank()) {
                throw new InvalidInputException("--payload-type", "--payload-type is empty.",
                        "Give the payload's media type, e.g. application/vnd.in-toto+json.");
            }
            SignerKey key = SignerKeySource.load(skey, spec.commandLine().getErr());
            byte[] bytes = Inputs.read(payload, "PAYLOAD", "payload");
            Envelope env = Dsse.sign(payloadType, bytes, List.of(new Ed25519DsseSigner(keyId(key), key.privateKey())));
            byte[] json = env.toJson();
            if (json.length > Envelope.DEFAULT_MAX_SIZE) {
                throw new InvalidInputException("PAYLOAD", "The envelope would be " + json.length + " bytes; verifiers "
                        + "accept at most " + Envelope.DEFAULT_MAX_SIZE + ".", "Sign a smaller payload.");
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(new String(json, StandardCharsets.UTF_8));
            out.flush();
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify a DSSE envelope against trusted public keys and report its payload type and signers.",
                    "At least --threshold distinct trusted keys must have signed; signatures by other keys are ignored. "
                            + "Exit 1 if it does not verify."})
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;

        @Option(names = "--vkey", paramLabel = "KEY",
                description = "A trusted public key: a PEM file (SPKI; Ed25519, ECDSA P-256 or P-384) or an Ed25519 "
                        + "vkey (or a file holding it); repeatable.")
        List<String> keys = new ArrayList<>();

        @Option(names = "--key", paramLabel = "KEY", hidden = true,
                description = "Old spelling of --vkey (--key now always means your own signing key).")
        List<String> oldKeys = new ArrayList<>();

        @Option(names = "--threshold", defaultValue = "1", paramLabel = "T",
                description = "How many distinct trusted keys must have signed (default ${DEFAULT-VALUE}).")
        int threshold;

        @Option(names = "--payload-type", paramLabel = "TYPE",
                description = "Also require this payload type.")
        String expectedType;

        @Option(names = "--payload-out", paramLabel = "FILE",
                description = "Write the exact verified payload bytes to this file ('-': standard output, and the report to standard error).")
        Path payloadOut;

        @Parameters(paramLabel = "ENVELOPE", description = "File holding the DSSE envelope JSON ('-': standard input).")
        Path envelope;

        private record Trusted(String label, DsseVerifier verifier) {}

        @Override
        public Integer call() throws Exception {
            if (!oldKeys.isEmpty()) {
                spec.commandLine().getErr().println("cgov: warning: 'dsse verify --key' is now --vkey (public keys); --key means your signing key");
                keys.addAll(oldKeys);
            }
            if (keys.isEmpty()) {
                throw new InvalidInputException("--vkey", "No trusted key given.",
                        "Give --vkey with the signer's PEM public key or vkey (repeatable).");
            }
            List<Trusted> trusted = new ArrayList<>();
            for (String k : keys) {
                Trusted t = load(k);
                if (trusted.stream().noneMatch(o -> Arrays.equals(o.verifier.spki(), t.verifier.spki()))) {
                    trusted.add(t);
                }
            }
            if (threshold < 1 || threshold > trusted.size()) {
                throw new InvalidInputException("--threshold", "--threshold " + threshold + " must be between 1 and the "
                        + "number of distinct --vkey keys (" + trusted.size() + ").", "Lower --threshold or give more keys.");
            }
            byte[] bytes = Inputs.read(envelope, "ENVELOPE", "envelope");
            Envelope env;
            try {
                env = Envelope.parse(bytes);
            } catch (FormatException e) {
                throw new InvalidInputException("ENVELOPE", "File " + envelope + " is not a DSSE envelope: "
                        + e.getMessage() + ".", "Give the JSON {\"payload\", \"payloadType\", \"signatures\"} as "
                        + "'cgov dsse sign' prints it.", e);
            }
            VerifiedPayload verified;
            try {
                verified = new Dsse(trusted.stream().map(Trusted::verifier).toList(), threshold).verify(env);
            } catch (VerificationException e) {
                throw new CheckFailed("The envelope in " + envelope + " does not verify: "
                        + e.getMessage() + " (it has " + env.signatures().size() + " signature(s)).",
                        "Check that it was signed by the --vkey keys and not changed since.", e);
            }
            if (expectedType != null && !expectedType.equals(verified.payloadType())) {
                throw new CheckFailed("The envelope's payload type is '" + verified.payloadType() + "', not '"
                        + expectedType + "'.", "Check that this is the kind of statement you expect.");
            }
            PrintWriter stdout = spec.commandLine().getOut();
            if (payloadOut != null) {
                Outputs.write(payloadOut, verified.payload(), "--payload-out", stdout);
            }
            PrintWriter out = Inputs.isStdio(payloadOut) ? spec.commandLine().getErr() : stdout;
            List<Map<String, Object>> signers = new ArrayList<>();
            byte[] pae = env.pae();
            for (Trusted t : trusted) {
                for (DsseSignature s : env.signatures()) {
                    try {
                        t.verifier.verify(pae, s.sig());
                    } catch (VerificationException notThisOne) {
                        continue;
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", t.label);
                    m.put("keyid", s.keyId());
                    m.put("spkiSha256", Bytes.hex(Rfc6962.sha256(t.verifier.spki())));
                    signers.add(m);
                    break;
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("verified", true);
            result.put("envelope", envelope.toString());
            result.put("payloadType", verified.payloadType());
            result.put("payloadBytes", verified.payload().length);
            result.put("payloadOut", payloadOut == null ? null : payloadOut.toString());
            result.put("signers", signers);
            result.put("trustedKeys", trusted.size());
            result.put("threshold", threshold);
            if (json.printed(out, result)) {
                return 0;
            }
            out.println("verified: " + envelope);
            out.println("payload type: " + verified.payloadType());
            out.println("payload: " + verified.payload().length + " bytes"
                    + (payloadOut != null && !Inputs.isStdio(payloadOut) ? ", written to " + payloadOut : ""));
            for (Map<String, Object> m : signers) {
                String keyid = (String) m.get("keyid");
                out.println("signed by: " + m.get("key") + " (keyid " + (keyid.isEmpty() ? "none" : keyid)
                        + ", SPKI SHA-256 " + ((String) m.get("spkiSha256")).substring(0, 16) + ")");
            }
            out.println(signers.size() + " of " + trusted.size() + " trusted key(s) signed; threshold " + threshold + " met");
            out.flush();
            return 0;
        }

        private static Trusted load(String arg) throws InvalidInputException {
            Path file = Path.of(arg);
            if (Files.isRegularFile(file)) {
                String text = Inputs.readText(file, "--vkey", "public key");
                if (text.contains("-----BEGIN")) {
                    try {
                        return new Trusted(file.toString(), DsseVerifier.fromSpki("", PemKeys.readSpki(text)));
                    } catch (FormatException e) {
                        throw new InvalidInputException("--vkey", "File " + file + " is not a usable public key: "
                                + e.getMessage() + ".", "Give a PEM 'PUBLIC KEY' (SPKI) of an Ed25519, ECDSA P-256 or "
                                + "P-384 key, as 'cgov keys show' prints it.", e);
                    }
                }
            }
            VerifierKey vkey = Inputs.vkey(arg, "--vkey");
            try {
                return new Trusted(vkey.name() + "+" + KeyIds.hex(vkey.keyId()),
                        DsseVerifier.ed25519(vkey.name() + "+" + KeyIds.hex(vkey.keyId()), vkey.ed25519Key()));
            } catch (FormatException e) {
                throw new InvalidInputException("--vkey", "Verifier key " + vkey.name() + " is not an Ed25519 key: "
                        + e.getMessage() + ".", "Give a PEM public key or an Ed25519 vkey.", e);
            }
        }
    }
}
