package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.computegov.api.Json;
import org.computegov.ledger.dsse.DsseSignature;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.dsse.Pae;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.keys.SignerKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keys, note and dsse end to end through the command line: files, output, exit codes. */
class KeysNoteDsseCommandsTest {
    @TempDir Path dir;

    @org.junit.jupiter.api.BeforeEach
    void noSavedContexts() {
        // Hermetic: no CGOV_* from the developer's shell, no contexts from their ~/.config.
        Env.variables = java.util.Map.of("CGOV_CONFIG", dir.resolve("config.json").toString())::get;
    }

    @AfterEach
    void restoreEnvironment() {
        Env.reset();
    }

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        return run;
    }

    private static CliRun bad(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        return run;
    }

    private static CliRun failed(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
        return run;
    }

    private Path generate(String name) {
        Path file = dir.resolve(name.replace('/', '_') + ".key");
        ok("keys", "generate", "--name", name, "--out", file.toString());
        return file;
    }

    private static String vkey(Path skey) throws Exception {
        return KeyFiles.readSignerKey(skey).verifierKey().encode();
    }

    @Test
    void generateWritesAPrivateKeyFileAndPrintsThePublicForms() throws Exception {
        Path file = dir.resolve("alice.key");
        CliRun run = ok("keys", "generate", "--name", "alice", "--out", file.toString());
        SignerKey key = KeyFiles.readSignerKey(file);
        assertThat(key.name()).isEqualTo("alice");
        assertThat(Files.readString(file)).startsWith("PRIVATE+KEY+alice+");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(run.out()).contains(key.verifierKey().encode(), "-----BEGIN PUBLIC KEY-----",
                PemKeys.toPem(key.privateKey().publicKey()).strip());
        assertThat(run.out()).doesNotContain(key.encode());

        CliRun again = bad("keys", "generate", "--name", "alice", "--out", file.toString());
        assertThat(again.err()).contains("already exists", "never overwrites");
        assertThat(KeyFiles.readSignerKey(file).encode()).as("the old key is intact").isEqualTo(key.encode());
    }

    @Test
    void generateDefaultsToNameDotKeyAndPrintsJson() throws Exception {
        Path out = dir.resolve("sub");
        Files.createDirectory(out);
        CliRun run = ok("keys", "generate", "--name", "computegov.example/log", "--json", "--out",
                out.resolve(KeysCommand.Generate.defaultFileName("computegov.example/log")).toString());
        JsonNode j = Json.mapper().readTree(run.out());
        assertThat(j.get("file").asText()).endsWith("computegov.example_log.key");
        assertThat(j.get("vkey").asText()).startsWith("computegov.example/log+");
        assertThat(j.get("publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(j.get("cosignatureVkey").asText()).startsWith("computegov.example/log+").isNotEqualTo(j.get("vkey").asText());
    }

    @Test
    void showReadsTheKeyFromAFileOrTheEnvironment() throws Exception {
        Path file = generate("bob");
        String vkey = vkey(file);
        assertThat(ok("keys", "show", "--key", file.toString()).out()).contains(vkey, "BEGIN PUBLIC KEY");
        String secret = Files.readString(file).strip();
        Env.variables = Map.of("BOB_KEY", secret)::get;
        CliRun env = ok("keys", "show", "--key-env", "BOB_KEY");
        assertThat(env.out()).contains(vkey).doesNotContain(secret);
        assertThat(bad("keys", "show", "--key-env", "NOT_SET").err()).contains("Environment variable NOT_SET is not set");
        Env.variables = Map.of("GARBAGE", "hunter2")::get;
        CliRun garbage = bad("keys", "show", "--key-env", "GARBAGE");
        assertThat(garbage.err()).contains("does not hold a signer key").doesNotContain("hunter2");
    }

    @Test
    void aGroupReadableKeyFileIsWarnedAbout() throws Exception {
        Path file = generate("carol");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(ok("keys", "show", "--key", file.toString()).err()).contains("readable by other users", "chmod 600");
    }

    @Test
    void noteSignThenVerifyWithOneAndTwoKeys() throws Exception {
        Path alice = generate("alice");
        Path bob = generate("bob");
        Path text = Files.writeString(dir.resolve("note.txt"), "computegov demo\nsecond line\n");
        CliRun signed = ok("note", "sign", "--key", alice.toString(), text.toString());
        assertThat(signed.out()).startsWith("computegov demo\nsecond line\n\n\u2014 alice ");
        Path once = Files.writeString(dir.resolve("once.note"), signed.out());

        CliRun verified = ok("note", "verify", "--vkey", vkey(alice), "--text-out", "-", once.toString());
        assertThat(verified.out()).isEqualTo("computegov demo\nsecond line\n");
        assertThat(verified.err()).contains("verified: signed by alice+");
        CliRun report = ok("note", "verify", "--vkey", vkey(alice), once.toString());
        assertThat(report.out()).startsWith("verified: signed by alice+");
        assertThat(report.err()).isEmpty();
        JsonNode j = Json.mapper().readTree(ok("note", "verify", "--vkey", vkey(alice), "--json", once.toString()).out());
        assertThat(j.get("text").asText()).isEqualTo("computegov demo\nsecond line\n");
        assertThat(j.get("signers").get(0).get("key").asText()).startsWith("alice+");

        CliRun twice = ok("note", "sign", "--key", bob.toString(), once.toString());
        assertThat(twice.out()).startsWith(signed.out()).contains("\u2014 bob ");
        Path both = Files.writeString(dir.resolve("both.note"), twice.out());
        Path bobVkeyFile = Files.writeString(dir.resolve("bob.vkey"), vkey(bob) + "\n");
        CliRun two = ok("note", "verify", "--vkey", vkey(alice), "--vkey", bobVkeyFile.toString(), both.toString());
        assertThat(two.out()).contains("signed by alice+", "signed by bob+");
        assertThat(ok("note", "verify", "--vkey", vkey(bob), both.toString()).out())
                .contains("1 signature(s) by keys not given with --vkey were not checked");

        CliRun same = ok("note", "sign", "--key", bob.toString(), both.toString());
        assertThat(same.out()).isEqualTo(twice.out());
        assertThat(same.err()).contains("already carries this key's signature");
    }

    @Test
    void noteVerifyRejectsWrongKeysTamperedTextAndGarbage() throws Exception {
        Path alice = generate("alice");
        Path mallory = generate("mallory");
        Path text = Files.writeString(dir.resolve("note.txt"), "pay 10\n");
        Path signed = Files.writeString(dir.resolve("signed.note"), ok("note", "sign", "--key", alice.toString(),
                text.toString()).out());
        assertThat(failed("note", "verify", "--vkey", vkey(mallory), signed.toString()).err())
                .contains("does not verify", "no verifiable signatures");
        Path tampered = Files.writeString(dir.resolve("tampered.note"), Files.readString(signed).replace("pay 10", "pay 99"));
        assertThat(failed("note", "verify", "--vkey", vkey(alice), tampered.toString()).err())
                .contains("does not verify", "invalid signature for key alice+");
        assertThat(bad("note", "verify", "--vkey", vkey(alice), text.toString()).err()).contains("not a well-formed signed note");
        assertThat(bad("note", "verify", "--vkey", "alice+zzzz+AAAA", signed.toString()).err())
                .contains("neither a verifier key nor a file");
        assertThat(bad("note", "verify", "--vkey", vkey(alice), dir.resolve("absent").toString()).err())
                .contains("does not exist");
    }

    @Test
    void noteVerifyChecksCheckpointsAndWitnessCosignatures() throws Exception {
        TestLog log = new TestLog("computegov.example/log").appendN(3);
        org.computegov.ledger.witness.CosignatureSigner witness =
                org.computegov.ledger.witness.CosignatureSigner.of(SignerKey.generate("witness.example/w"));
        Path cp = Files.write(dir.resolve("checkpoint"), log.checkpoint(3, witness));
        CliRun run = ok("note", "verify", "--vkey", log.key.verifierKey().encode(), "--vkey",
                witness.verifier().verifierKey().encode(), "--text-out", "-", cp.toString());
        assertThat(run.out()).startsWith("computegov.example/log\n3\n");
        assertThat(run.err()).contains("signed by log-key+", "signed by witness.example/w+", "(witness cosignature)");
    }

    @Test
    void noteSignRejectsTextThatIsNotANote() throws Exception {
        Path alice = generate("alice");
        Path noNewline = Files.writeString(dir.resolve("a.txt"), "no newline");
        assertThat(bad("note", "sign", "--key", alice.toString(), noNewline.toString()).err())
                .contains("does not end with a newline", "echo >>");
        Path crlf = Files.writeString(dir.resolve("b.txt"), "windows\r\n");
        assertThat(bad("note", "sign", "--key", alice.toString(), crlf.toString()).err()).contains("control character 0xd");
        Path empty = Files.writeString(dir.resolve("c.txt"), "");
        assertThat(bad("note", "sign", "--key", alice.toString(), empty.toString()).err()).contains("is empty");
        assertThat(bad("note", "sign", text("x\n")).err()).contains("--key");
        Path notAKey = Files.writeString(dir.resolve("nokey"), "ssh-ed25519 AAAA");
        assertThat(bad("note", "sign", "--key", notAKey.toString(), text("x\n")).err())
                .contains("does not hold a signer key").doesNotContain("ssh-ed25519 AAAA");
    }

    private String text(String content) throws Exception {
        return Files.writeString(Files.createTempFile(dir, "t", ".txt"), content).toString();
    }

    @Test
    void dsseSignThenVerifyWithPemOrVkey() throws Exception {
        Path alice = generate("alice");
        SignerKey key = KeyFiles.readSignerKey(alice);
        byte[] payloadBytes = "{\"_type\":\"https://in-toto.io/Statement/v1\"}\n".getBytes(StandardCharsets.UTF_8);
        Path payload = Files.write(dir.resolve("statement.json"), payloadBytes);
        CliRun signed = ok("dsse", "sign", "--key", alice.toString(), "--payload-type", "application/vnd.in-toto+json",
                payload.toString());
        JsonNode env = Json.mapper().readTree(signed.out());
        assertThat(env.get("payloadType").asText()).isEqualTo("application/vnd.in-toto+json");
        assertThat(env.get("signatures").get(0).get("keyid").asText()).isEqualTo(DsseCommand.keyId(key));
        Path envelope = Files.writeString(dir.resolve("env.json"), signed.out());

        Path pem = Files.writeString(dir.resolve("alice.pem"), PemKeys.toPem(key.privateKey().publicKey()));
        Path out = dir.resolve("payload.out");
        CliRun verified = ok("dsse", "verify", "--vkey", pem.toString(), "--payload-out", out.toString(), envelope.toString());
        assertThat(verified.out()).contains("payload type: application/vnd.in-toto+json", "signed by: " + pem,
                "keyid " + DsseCommand.keyId(key), "1 of 1 trusted key(s) signed");
        assertThat(Files.readAllBytes(out)).isEqualTo(payloadBytes);
        CliRun old = ok("dsse", "verify", "--key", vkey(alice), envelope.toString());
        assertThat(old.out()).contains("signed by: " + DsseCommand.keyId(key));
        assertThat(old.err()).contains("'dsse verify --key' is now --vkey");
        assertThat(ok("dsse", "verify", "--vkey", pem.toString(), "--payload-out", "-", envelope.toString()).out())
                .isEqualTo(new String(payloadBytes, StandardCharsets.UTF_8));
        assertThat(failed("dsse", "verify", "--vkey", pem.toString(), "--payload-type", "text/plain", envelope.toString())
                .err()).contains("payload type is 'application/vnd.in-toto+json', not 'text/plain'");
    }

    @Test
    void dsseVerifyAcceptsEcdsaKeysAndCountsDistinctSignersAgainstTheThreshold() throws Exception {
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] pae = Pae.encode("text/plain", payload);
        KeyPair p256 = ec("secp256r1");
        KeyPair p384 = ec("secp384r1");
        Envelope env = new Envelope(payload, "text/plain", List.of(
                new DsseSignature("p256", sign("SHA256withECDSA", p256, pae)),
                new DsseSignature("", sign("SHA384withECDSA", p384, pae))));
        Path envelope = Files.write(dir.resolve("ec.json"), env.toJson());
        Path k256 = Files.writeString(dir.resolve("p256.pem"), PemKeys.spkiToPem(p256.getPublic().getEncoded()));
        Path k384 = Files.writeString(dir.resolve("p384.pem"), PemKeys.spkiToPem(p384.getPublic().getEncoded()));
        CliRun two = ok("dsse", "verify", "--vkey", k256.toString(), "--key", k384.toString(), "--threshold", "2",
                envelope.toString());
        assertThat(two.out()).contains("signed by: " + k256 + " (keyid p256", "signed by: " + k384 + " (keyid none",
                "2 of 2 trusted key(s) signed");
        Path other = Files.writeString(dir.resolve("other.pem"), PemKeys.spkiToPem(ec("secp256r1").getPublic().getEncoded()));
        assertThat(failed("dsse", "verify", "--vkey", k256.toString(), "--vkey", other.toString(), "--threshold", "2",
                envelope.toString()).err()).contains("valid signatures from 1 distinct trusted keys, need 2");
        assertThat(bad("dsse", "verify", "--vkey", k256.toString(), "--vkey", k256.toString(), "--threshold", "2",
                envelope.toString()).err()).contains("--threshold 2 must be between 1 and the number of distinct --vkey keys (1)");
    }

    @Test
    void dsseVerifyRejectsTamperingUnknownKeysAndGarbage() throws Exception {
        Path alice = generate("alice");
        Path mallory = generate("mallory");
        Path payload = Files.writeString(dir.resolve("p.txt"), "grant 1e26 FLOP");
        Path envelope = Files.writeString(dir.resolve("env.json"), ok("dsse", "sign", "--key", alice.toString(),
                "--payload-type", "text/plain", payload.toString()).out());
        JsonNode env = Json.mapper().readTree(envelope.toFile());
        String forged = env.toString().replace(env.get("payload").asText(),
                java.util.Base64.getEncoder().encodeToString("grant 1e27 FLOP".getBytes(StandardCharsets.UTF_8)));
        Path tampered = Files.writeString(dir.resolve("tampered.json"), forged);
        assertThat(failed("dsse", "verify", "--vkey", vkey(alice), tampered.toString()).err())
                .contains("does not verify", "from 0 distinct trusted keys, need 1");
        assertThat(failed("dsse", "verify", "--vkey", vkey(mallory), envelope.toString()).err()).contains("does not verify");
        Path notJson = Files.writeString(dir.resolve("x.json"), "{\"payload\": 1}");
        assertThat(bad("dsse", "verify", "--vkey", vkey(alice), notJson.toString()).err()).contains("is not a DSSE envelope");
        Path notPem = Files.writeString(dir.resolve("bad.pem"), "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThat(bad("dsse", "verify", "--vkey", notPem.toString(), envelope.toString()).err()).contains("not a usable public key");
        assertThat(bad("dsse", "sign", "--key", alice.toString(), payload.toString()).err())
                .contains("Missing required option: '--payload-type=TYPE'");
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static byte[] sign(String algorithm, KeyPair pair, byte[] data) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(pair.getPrivate());
        s.update(data);
        return s.sign();
    }

    @Test
    void helpDescribesTheCommands() {
        assertThat(ok("keys", "--help").out()).contains("generate", "show");
        assertThat(ok("keys", "generate", "--help").out()).contains("--name", "--out", "mode 600");
        assertThat(ok("note", "verify", "--help").out()).contains("--vkey");
        assertThat(ok("dsse", "verify", "--help").out()).contains("--vkey", "--threshold", "--payload-out");
        assertThat(ok("--help").out()).contains("keys", "note", "dsse");
    }
}
