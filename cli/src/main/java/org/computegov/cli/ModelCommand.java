package org.computegov.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.computegov.deployment.oms.HashJson;
import org.computegov.deployment.oms.HashedModel;
import org.computegov.deployment.oms.Manifest;
import org.computegov.deployment.oms.ModelException;
import org.computegov.deployment.oms.ModelHasher;
import org.computegov.deployment.oms.ModelPaths;
import org.computegov.deployment.oms.ModelVerification;
import org.computegov.deployment.oms.OmsPayload;
import org.computegov.deployment.oms.OmsSignature;
import org.computegov.deployment.oms.Reuse;
import org.computegov.deployment.oms.Serialization;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.keys.VerifierKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cgov model}: fingerprints of model weights compatible with OpenSSF Model Signing v1.0 (subcommands
 * registered by {@link Cgov}). The fingerprint is the manifest's root digest.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Fingerprint, sign and verify model weights (OpenSSF Model Signing v1.0 manifests).")
final class ModelCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to cut the model: the options hash and sign share. */
    static final class HashOptions {
        @Option(names = "--shard-size", paramLabel = "BYTES",
                description = "Hash files in shards of this many bytes (OMS 'shards'; its default is 1000000000). "
                        + "Without it, whole files (OMS 'files').")
        Long shardSize;

        @Option(names = "--ignore", paramLabel = "PATH",
                description = "A path relative to DIR that is not part of the model (a folder ignores all in it); "
                        + "repeatable. .git, .gitattributes, .github and .gitignore are always ignored, as in OMS.")
        List<String> ignore = new ArrayList<>();

        @Option(names = "--allow-symlinks",
                description = "Follow symlinks to files inside DIR (links leading out of DIR are always refused).")
        boolean allowSymlinks;

        @Option(names = "--threads", paramLabel = "N",
                description = "Hashing threads (default: one per core).")
        Integer threads;

        Serialization serialization(List<String> extraIgnores) throws InvalidInputException {
            List<String> paths = new ArrayList<>(Serialization.GIT_PATHS);
            for (String p : ignore) {
                try {
                    paths.add(ModelPaths.checkRelative(p.endsWith("/") ? p.substring(0, p.length() - 1) : p, "--ignore"));
                } catch (ModelException e) {
                    throw new InvalidInputException("--ignore", e.getMessage() + ".", e.hint(), e);
                }
            }
            paths.addAll(extraIgnores);
            if (shardSize == null) {
                return new Serialization.Files(allowSymlinks, dedupe(paths));
            }
            if (shardSize < 1) {
                throw new InvalidInputException("--shard-size", "--shard-size must be a positive number of bytes, not "
                        + shardSize + ".", "OMS's default is 1000000000 (1 GB).");
            }
            return new Serialization.Shards(shardSize, allowSymlinks, dedupe(paths));
        }

        ModelHasher hasher() throws InvalidInputException {
            if (threads != null && (threads < 1 || threads > 1024)) {
                throw new InvalidInputException("--threads", "--threads must be between 1 and 1024.", "Omit it to use one per core.");
            }
            return threads == null ? new ModelHasher() : new ModelHasher(threads);
        }

        private static List<String> dedupe(List<String> paths) {
            return paths.stream().distinct().toList();
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = {"Print a model's fingerprint: the OMS root digest over its files' (or shards') SHA-256 digests.",
                    "--json prints root, serialization, every resource with its digest, and the files' sizes and times "
                            + "(for --reuse)."})
    static final class Hash implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;
        @Mixin HashOptions options;

        @Parameters(paramLabel = "DIR", description = "The model folder (or a single-file model).")
        Path dir;

        @Option(names = "--reuse", paramLabel = "MANIFEST",
                description = "JSON from an earlier 'cgov model hash --json': files whose size and modification time are "
                        + "unchanged keep their digests. For iterating on a model; verification never reuses.")
        Path reuse;

        @Override
        public Integer call() throws Exception {
            Serialization how = options.serialization(List.of());
            Reuse previous = reuse == null ? Reuse.NONE : readReuse(reuse);
            Instant startedAt = Instant.now();
            HashedModel h = hash(options, dir, how, previous, spec.commandLine().getErr());
            PrintWriter out = spec.commandLine().getOut();
            if (json.json) {
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(HashJson.write(h, startedAt)));
            } else {
                Manifest m = h.manifest();
                out.println(m.rootHex());
                out.println("model " + m.modelName() + ": " + h.files().size() + " files, " + m.resources().size()
                        + " resources (" + (m.serialization().sharded() ? m.serialization().resourceAlgorithm() : "files")
                        + "), " + h.bytesHashed() + " bytes hashed" + (reuse == null ? "" : ", " + h.bytesReused()
                        + " reused from " + reuse));
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true,
            description = {"Sign a model's OMS manifest with your Ed25519 key into a Sigstore bundle (as model_signing writes).",
                    "If --out lies inside DIR it is left out of the manifest."})
    static final class Sign implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;
        @Mixin HashOptions options;

        @Parameters(paramLabel = "DIR", description = "The model folder (or a single-file model).")
        Path dir;

        @Option(names = "--key", paramLabel = "FILE", defaultValue = "${env:CGOV_KEY}",
                description = "Your signer key (from 'cgov keys generate'); env CGOV_KEY.")
        Path key;

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "Where to write the signature, e.g. DIR/model.sig.")
        Path out;

        @Option(names = "--reuse", paramLabel = "MANIFEST",
                description = "JSON from an earlier 'cgov model hash --json' whose unchanged files need not be read again.")
        Path reuse;

        @Override
        public Integer call() throws Exception {
            SignerKey signer = readKey(key);
            String inside = ModelVerification.insideModel(dir, out);
            Serialization how = options.serialization(inside == null ? List.of() : List.of(inside));
            Manifest m = hash(options, dir, how, reuse == null ? Reuse.NONE : readReuse(reuse), spec.commandLine().getErr()).manifest();
            Ed25519DsseSigner s = new Ed25519DsseSigner(DsseCommand.keyId(signer), signer.privateKey());
            byte[] bundle = OmsSignature.sign(m, s, s.verifier().spki());
            try {
                Files.write(out, bundle);
            } catch (IOException e) {
                throw new InvalidInputException("--out", "Cannot write " + out + ": " + e.getMessage() + ".",
                        "Choose a writable path.", e);
            }
            PrintWriter o = spec.commandLine().getOut();
            if (json.json) {
                o.println(JSON.createObjectNode().put("root", m.rootHex()).put("model", m.modelName())
                        .put("resources", m.resources().size()).put("keyId", DsseCommand.keyId(signer)).put("out", out.toString()));
                o.flush();
                return 0;
            }
            o.println(m.rootHex());
            o.println("signed model " + m.modelName() + " (" + m.resources().size() + " resources) with "
                    + DsseCommand.keyId(signer) + " into " + out);
            o.flush();
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check a model folder against its signature: exit 0 if every file matches what was signed, "
                    + "1 naming the added, removed and changed files otherwise (or if the key did not sign it).",
                    "The folder is hashed exactly as the signer hashed it (serialization and ignore paths from the "
                            + "signature); the signature file itself is left out if it lies inside DIR."})
    static final class Verify implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;

        @Parameters(paramLabel = "DIR", description = "The model folder (or a single-file model).")
        Path dir;

        @Mixin ServingVerify.Options serving;

        @Option(names = "--signature", paramLabel = "FILE",
                description = "The signature: an OMS/Sigstore bundle (model.sig) or a DSSE envelope.")
        Path signature;

        @Option(names = "--verifier", paramLabel = "KEY",
                description = "The signer's public key: a PEM file (Ed25519, ECDSA P-256 or P-384, as model_signing's "
                        + "'verify key' takes) or an Ed25519 vkey (or a file holding it).")
        String verifier;

        @Option(names = "--ignore", paramLabel = "PATH",
                description = "Also leave out this path relative to DIR (what the signer ignored without recording it); repeatable.")
        List<String> ignore = new ArrayList<>();

        @Option(names = "--threads", paramLabel = "N", description = "Hashing threads (default: one per core).")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            if ((signature == null) == (serving.bundle == null)) {
                throw new InvalidInputException("--signature", "Give either --signature (with --verifier) or "
                        + "--authorization (with --regulator and --log-key).", "--signature checks a developer's "
                        + "signature; --authorization is the serving check against the regulator's authorization.");
            }
            if (serving.bundle != null) {
                return ServingVerify.run(dir, serving, threads, json.json, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            if (verifier == null) {
                throw new InvalidInputException("--verifier", "--signature needs the signer's public key.",
                        "Give --verifier with a PEM file or vkey.");
            }
            DsseVerifier key = loadVerifier(verifier, "--verifier");
            byte[] file = Inputs.read(signature, "--signature", "signature");
            OmsPayload.Signed signed;
            PrintWriter out = spec.commandLine().getOut();
            try {
                signed = OmsSignature.verify(file, List.of(key));
            } catch (ModelException e) {
                throw new InvalidInputException("--signature", "File " + signature + " is not a usable model signature: "
                        + e.getMessage() + ".", e.hint(), e);
            } catch (VerificationException e) {
                return deny(out, "the signature in " + signature + " was not made by the --verifier key", null);
            }
            List<String> extra = new ArrayList<>();
            for (String p : ignore) {
                extra.add(p.endsWith("/") ? p.substring(0, p.length() - 1) : p);
            }
            String inside = ModelVerification.insideModel(dir, signature);
            if (inside != null) {
                extra.add(inside);
            }
            HashOptions o = new HashOptions();
            o.threads = threads;
            ModelVerification.Result r;
            try (ModelHasher hasher = o.hasher()) {
                r = ModelVerification.verify(dir, signed.manifest(), extra, hasher, TerminalProgress.forTerminal(spec.commandLine().getErr()));
            } catch (ModelException e) {
                throw new InvalidInputException(e.getMessage().startsWith("ignore path") ? "--ignore" : "DIR",
                        e.getMessage() + ".", e.hint(), e);
            }
            if (json.json) {
                ObjectNode o2 = JSON.createObjectNode();
                o2.put("verified", r.matches());
                o2.put("model", r.signed().modelName());
                o2.put("signedRoot", signed.rootHex());
                o2.put("root", r.actual().rootHex());
                putAll(o2.putArray("added"), r.diff().added());
                putAll(o2.putArray("removed"), r.diff().removed());
                putAll(o2.putArray("changed"), r.diff().changed());
                out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o2));
                out.flush();
                return r.matches() ? 0 : 1;
            }
            if (!r.matches()) {
                return deny(out, "model " + dir + " differs from what was signed", r.diff().lines());
            }
            out.println("verified: " + dir + " matches " + signature + " (root " + signed.rootHex() + ", "
                    + r.signed().resources().size() + " resources)");
            out.flush();
            return 0;
        }

        private int deny(PrintWriter out, String why, List<String> lines) {
            if (json.json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("verified", false);
                o.put("reason", why);
                try {
                    out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                out.println("FAILED: " + why);
                if (lines != null) {
                    lines.forEach(l -> out.println("  " + l));
                }
            }
            out.flush();
            return 1;
        }
    }

    static HashedModel hash(HashOptions options, Path dir, Serialization how, Reuse reuse, PrintWriter err) throws Exception {
        try (ModelHasher hasher = options.hasher()) {
            return hasher.hash(dir, how, reuse, TerminalProgress.forTerminal(err));
        } catch (ModelException e) {
            throw new InvalidInputException("DIR", e.getMessage() + ".", e.hint(), e);
        } catch (IOException e) {
            throw new CommandFailure("cannot hash " + dir + ": " + e.getMessage(), e);
        }
    }

    static Reuse readReuse(Path file) throws InvalidInputException {
        byte[] bytes = Inputs.read(file, "--reuse", "manifest");
        try {
            JsonNode node = JSON.readTree(bytes);
            return HashJson.readReuse(node);
        } catch (IOException e) {
            throw new InvalidInputException("--reuse", "File " + file + " is not JSON: " + e.getMessage() + ".",
                    "Give a file written by 'cgov model hash DIR --json'.", e);
        } catch (ModelException e) {
            throw new InvalidInputException("--reuse", "File " + file + ": " + e.getMessage() + ".", e.hint(), e);
        }
    }

    static SignerKey readKey(Path key) throws InvalidInputException {
        if (key == null) {
            throw new InvalidInputException("--key", "Signing needs your key.",
                    "Give --key FILE (from 'cgov keys generate --name lab/release'), or set CGOV_KEY.");
        }
        String text = Inputs.readText(key, "--key", "signer key").strip();
        try {
            return SignerKey.parse(text);
        } catch (FormatException e) {
            throw new InvalidInputException("--key", "File " + key + " does not hold a signer key: " + e.getMessage() + ".",
                    "Give a file written by 'cgov keys generate'.", e);
        }
    }

    /** A PEM public key file (Ed25519, ECDSA P-256/P-384) or an Ed25519 vkey, as 'cgov dsse verify --key' takes. */
    static DsseVerifier loadVerifier(String arg, String field) throws InvalidInputException {
        Path file = Path.of(arg);
        if (Files.isRegularFile(file)) {
            String text = Inputs.readText(file, field, "public key");
            if (text.contains("-----BEGIN")) {
                try {
                    return DsseVerifier.fromSpki("", PemKeys.readSpki(text));
                } catch (FormatException e) {
                    throw new InvalidInputException(field, "File " + file + " is not a usable public key: "
                            + e.getMessage() + ".", "Give a PEM 'PUBLIC KEY' of an Ed25519, ECDSA P-256 or P-384 key.", e);
                }
            }
        }
        VerifierKey vkey = Inputs.vkey(arg, field);
        try {
            return DsseVerifier.ed25519(vkey.name() + "+" + KeyIds.hex(vkey.keyId()), vkey.ed25519Key());
        } catch (FormatException e) {
            throw new InvalidInputException(field, "Verifier key " + vkey.name() + " is not an Ed25519 key: "
                    + e.getMessage() + ".", "Give a PEM public key or an Ed25519 vkey.", e);
        }
    }

    private static void putAll(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
