package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cgov model hash|sign|verify} end to end, in process. */
class ModelCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    private static Path model(Path tmp) throws Exception {
        Path m = Files.createDirectory(tmp.resolve("llm"));
        Files.writeString(m.resolve("a.b"), "config");
        Files.writeString(Files.createDirectory(m.resolve("a")).resolve("weights"), "0123456789abcdefghijklmno");
        Files.writeString(Files.createDirectory(m.resolve(".git")).resolve("HEAD"), "ref: main");
        FileTime old = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        try (var files = Files.walk(m)) {
            for (Path p : files.toList()) {
                Files.setLastModifiedTime(p, old);
            }
        }
        return m;
    }

    @Test
    void hashPrintsTheRootOverFilesInPathComponentOrderAndIgnoresGit(@TempDir Path tmp) throws Exception {
        Path m = model(tmp);
        CliRun run = CliRun.of("model", "hash", m.toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode j = JSON.readTree(run.out());
        byte[] weights = "0123456789abcdefghijklmno".getBytes(StandardCharsets.US_ASCII);
        byte[] config = "config".getBytes(StandardCharsets.US_ASCII);
        assertThat(j.get("root").asText()).isEqualTo(HexFormat.of().formatHex(sha256(sha256(weights), sha256(config))));
        assertThat(j.get("resources").findValuesAsText("name")).containsExactly("a/weights", "a.b");
        assertThat(j.get("resources").get(1).get("digest").asText()).isEqualTo(HexFormat.of().formatHex(sha256(config)));

        CliRun shards = CliRun.of("model", "hash", m.toString(), "--shard-size", "8", "--json");
        assertThat(JSON.readTree(shards.out()).get("resources").findValuesAsText("name")).containsExactly(
                "a/weights:0:8", "a/weights:8:16", "a/weights:16:24", "a/weights:24:25", "a.b:0:6");

        CliRun plain = CliRun.of("model", "hash", m.toString());
        assertThat(plain.out()).startsWith(j.get("root").asText() + "\n").contains("2 files");
    }

    @Test
    void signThenVerifyAndASwappedFileIsDeniedByName(@TempDir Path tmp) throws Exception {
        Path m = model(tmp);
        Path key = tmp.resolve("lab.key");
        assertThat(CliRun.of("keys", "generate", "--name", "lab/release", "--out", key.toString()).exit()).isZero();
        String vkey = vkeyOf(key);
        Path sig = m.resolve("model.sig");
        CliRun sign = CliRun.of("model", "sign", m.toString(), "--key", key.toString(), "--out", sig.toString());
        assertThat(sign.exit()).as(sign.err()).isZero();

        CliRun ok = CliRun.of("model", "verify", m.toString(), "--signature", sig.toString(), "--verifier", vkey);
        assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("verified");

        Files.writeString(m.resolve("a/weights"), "0123456789abcdefghijklmnX");
        CliRun bad = CliRun.of("model", "verify", m.toString(), "--signature", sig.toString(), "--verifier", vkey);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out()).contains("changed: a/weights").doesNotContain("a.b");

        CliRun json = CliRun.of("model", "verify", m.toString(), "--signature", sig.toString(), "--verifier", vkey, "--json");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(JSON.readTree(json.out()).get("changed").get(0).asText()).isEqualTo("a/weights");

        Path other = tmp.resolve("other.key");
        CliRun.of("keys", "generate", "--name", "someone/else", "--out", other.toString());
        CliRun wrong = CliRun.of("model", "verify", m.toString(), "--signature", sig.toString(), "--verifier", vkeyOf(other));
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.out()).contains("not made by the --verifier key");
    }

    @Test
    void reuseGivesTheSameRootAsAFullHash(@TempDir Path tmp) throws Exception {
        Path m = model(tmp);
        Path manifest = tmp.resolve("manifest.json");
        Files.writeString(manifest, CliRun.of("model", "hash", m.toString(), "--json").out());
        Files.writeString(m.resolve("a.b"), "config v2");
        CliRun reused = CliRun.of("model", "hash", m.toString(), "--reuse", manifest.toString());
        assertThat(reused.exit()).as(reused.err()).isZero();
        assertThat(reused.out()).contains("9 bytes hashed, 25 reused");
        String full = CliRun.of("model", "hash", m.toString()).out().lines().findFirst().orElseThrow();
        assertThat(reused.out().lines().findFirst().orElseThrow()).isEqualTo(full);
    }

    @Test
    void badInputExitsTwoWithAHint(@TempDir Path tmp) throws Exception {
        Path m = model(tmp);
        CliRun up = CliRun.of("model", "hash", m.toString(), "--ignore", "../secrets");
        assertThat(up.exit()).isEqualTo(2);
        assertThat(up.err()).contains("'..'");
        assertThat(CliRun.of("model", "hash", m.toString(), "--shard-size", "0").exit()).isEqualTo(2);
        assertThat(CliRun.of("model", "hash", tmp.resolve("nope").toString()).exit()).isEqualTo(2);
        Files.createSymbolicLink(m.resolve("escape"), tmp);
        CliRun link = CliRun.of("model", "hash", m.toString(), "--allow-symlinks");
        assertThat(link.exit()).isEqualTo(2);
        assertThat(link.err()).contains("outside the model folder");
        assertThat(CliRun.of("model", "sign", tmp.toString(), "--out", tmp.resolve("s").toString(), "--key",
                tmp.resolve("missing.key").toString()).exit()).isEqualTo(2);
        Path junk = Files.writeString(tmp.resolve("junk.sig"), "{}");
        String vkey = org.computegov.ledger.keys.SignerKey.generate("lab/release").verifierKey().encode();
        CliRun notSig = CliRun.of("model", "verify", m.toString(), "--signature", junk.toString(), "--verifier", vkey);
        assertThat(notSig.exit()).isEqualTo(2);
        assertThat(notSig.err()).contains("not a usable model signature");
    }

    private static String vkeyOf(Path key) throws Exception {
        return org.computegov.ledger.keys.SignerKey.parse(Files.readString(key).strip()).verifierKey().encode();
    }
}
