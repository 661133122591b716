package org.computegov.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.witness.CosignatureSigner;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cgov keys}: Ed25519 signer keys in the C2SP signed-note format (subcommands registered by {@link Cgov}). */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Ed25519 keys for signed notes, checkpoints, witness cosignatures and DSSE envelopes.")
final class KeysCommand {

    /** What a key's public side is called in each ecosystem it is used in. */
    record PublicKeys(String name, String keyId, String vkey, String cosignatureVkey, String publicKeyPem, String file) {
        static PublicKeys of(SignerKey key, Path file) {
            return new PublicKeys(key.name(), KeyIds.hex(key.keyId()), key.verifierKey().encode(),
                    CosignatureSigner.of(key).verifier().verifierKey().encode(),
                    PemKeys.toPem(key.privateKey().publicKey()), file == null ? null : file.toString());
        }

        void print(PrintWriter out) {
            out.println("verifier key (vkey, for note, checkpoint and log verification):");
            out.println("  " + vkey);
            out.println("witness vkey (cosignature/v1, if this key serves a witness):");
            out.println("  " + cosignatureVkey);
            out.println("public key (PEM SPKI, for DSSE verifiers; the DSSE keyid is " + name + "+" + keyId + "):");
            out.print(publicKeyPem);
            out.flush();
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = {"Generate an Ed25519 signer key, write it to a new file readable only by you (mode 600), "
                    + "and print its public forms.",
                    "The file holds PRIVATE+KEY+<name>+<key id>+<key> (the Go/C2SP note format); it is never overwritten."})
    static final class Generate implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Key name, e.g. the log origin 'computegov.example/log' or 'alice'. No '+' or spaces.")
        String name;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Where to write the private key (default: NAME.key, with '/' and other unsafe "
                        + "characters as '_').")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!KeyIds.isValidName(name)) {
                throw new InvalidInputException("--name", "--name '" + name + "' is not a valid key name: it must be "
                        + "non-empty, without '+', spaces or control characters.", "Use e.g. 'alice' or "
                        + "'computegov.example/log'.");
            }
            Path file = out != null ? out : Path.of(defaultFileName(name));
            if (Files.exists(file)) {
                throw new InvalidInputException("--out", "File " + file + " already exists; cgov never overwrites a "
                        + "key file.", "Choose another --out, or move the old key away if you are sure it is unused.");
            }
            if (file.toAbsolutePath().getParent() != null && !Files.isDirectory(file.toAbsolutePath().getParent())) {
                throw new InvalidInputException("--out", "Directory " + file.toAbsolutePath().getParent()
                        + " does not exist.", "Create it first, or choose another --out.");
            }
            SignerKey key = SignerKey.generate(name);
            try {
                KeyFiles.writeSignerKey(file, key);
            } catch (FileAlreadyExistsException e) {
                throw new InvalidInputException("--out", "File " + file + " already exists; cgov never overwrites a "
                        + "key file.", "Choose another --out.", e);
            } catch (IOException e) {
                throw new InvalidInputException("--out", "Cannot write the key to " + file + ": " + e.getMessage() + ".",
                        "Choose a writable location on a file system with POSIX permissions.", e);
            }
            PrintWriter o = spec.commandLine().getOut();
            PublicKeys pub = PublicKeys.of(key, file);
            if (json.printed(o, pub)) {
                return 0;
            }
            o.println("signer key " + name + " written to " + file + " (mode 600: keep it secret, back it up)");
            pub.print(o);
            return 0;
        }

        static String defaultFileName(String name) {
            return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".key";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print the public forms of a signer key: vkey, witness vkey and PEM public key.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin JsonOption json;
        @ArgGroup(exclusive = true, multiplicity = "0..1") SignerKeySource skey;

        @Override
        public Integer call() throws Exception {
            SignerKey key = SignerKeySource.load(skey, spec.commandLine().getErr());
            PrintWriter o = spec.commandLine().getOut();
            PublicKeys pub = PublicKeys.of(key, SignerKeySource.fileOf(skey));
            if (json.printed(o, pub)) {
                return 0;
            }
            o.println("signer key " + key.name() + "+" + KeyIds.hex(key.keyId()));
            pub.print(o);
            return 0;
        }
    }
}
