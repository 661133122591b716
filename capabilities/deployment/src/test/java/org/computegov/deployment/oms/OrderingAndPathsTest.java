package org.computegov.deployment.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The orders a naive string sort gets wrong, and the paths that must never be read or trusted. */
class OrderingAndPathsTest {
    private static final ModelHasher HASHER = new ModelHasher(2);
    private static final Serialization FILES = new Serialization.Files(false, List.of());

    @AfterAll
    static void close() {
        HASHER.close();
    }

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    @Test
    void fileBesideAFolderOfTheSamePrefixSortsAfterTheFolder(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m"));
        byte[] dot = "beside".getBytes(StandardCharsets.UTF_8);
        byte[] inside = "inside".getBytes(StandardCharsets.UTF_8);
        Files.write(model.resolve("a.b"), dot);
        Files.write(Files.createDirectory(model.resolve("a")).resolve("x"), inside);

        Manifest m = HASHER.hash(model, FILES, Progress.NONE).manifest();

        // As strings "a.b" < "a/x" ('.' is 0x2E, '/' 0x2F); by path components ["a","x"] < ["a.b"].
        assertThat(m.resources()).extracting(Resource::name).containsExactly("a/x", "a.b");
        assertThat(m.rootDigest()).isEqualTo(sha256(sha256(inside), sha256(dot)));
    }

    @Test
    void shardsOfA25ByteFileIn8ByteShardsAreInOffsetOrder(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m"));
        byte[] data = "0123456789abcdefghijklmno".getBytes(StandardCharsets.US_ASCII);
        assertThat(data).hasSize(25);
        Files.write(model.resolve("w"), data);

        Manifest m = HASHER.hash(model, new Serialization.Shards(8, false, List.of()), Progress.NONE).manifest();

        // As strings "w:16:24" < "w:24:25" < "w:8:16"; by offsets 0, 8, 16, 24.
        assertThat(m.resources()).extracting(Resource::name).containsExactly("w:0:8", "w:8:16", "w:16:24", "w:24:25");
        assertThat(m.resources()).allSatisfy(r -> assertThat(r.algorithm()).isEqualTo("sha256-sharded-8"));
        byte[] root = sha256(sha256(java.util.Arrays.copyOfRange(data, 0, 8)),
                sha256(java.util.Arrays.copyOfRange(data, 8, 16)), sha256(java.util.Arrays.copyOfRange(data, 16, 24)),
                sha256(java.util.Arrays.copyOfRange(data, 24, 25)));
        assertThat(m.rootDigest()).isEqualTo(root);
    }

    @Test
    void codePointOrderNotUtf16Order() {
        // U+FF61 (BMP, after the surrogates) vs U+1F600 (a surrogate pair in UTF-16): Python orders by code point.
        String bmp = "\uFF61";
        String astral = new String(Character.toChars(0x1F600));
        assertThat(bmp.compareTo(astral)).isPositive(); // Java's String order disagrees with Python's
        assertThat(ModelPaths.ORDER.compare(bmp, astral)).isNegative();
    }

    @Test
    void ignorePathsIgnoreWholeComponentsOnly(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m"));
        Files.writeString(Files.createDirectory(model.resolve("a")).resolve("x"), "x");
        Files.writeString(model.resolve("a.b"), "y");
        Files.writeString(model.resolve("ab"), "z");
        Manifest m = HASHER.hash(model, new Serialization.Files(false, List.of("a")), Progress.NONE).manifest();
        assertThat(m.resources()).extracting(Resource::name).containsExactly("a.b", "ab");
        assertThat(m.serialization().ignorePaths()).containsExactly("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "./a", "a/", ""})
    void manifestNamesThatCouldLeaveTheModelAreRefused(String name) {
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"m\",\"digest\":"
                + "{\"sha256\":\"" + "00".repeat(32) + "\"}}],\"predicateType\":\"" + OmsPayload.PREDICATE_TYPE + "\","
                + "\"predicate\":{\"serialization\":{\"method\":\"files\",\"hash_type\":\"sha256\",\"allow_symlinks\":false},"
                + "\"resources\":[{\"name\":\"" + name + "\",\"algorithm\":\"sha256\",\"digest\":\"" + "11".repeat(32) + "\"}]}}";
        assertThatThrownBy(() -> OmsPayload.parse(statement.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelException.class).hasMessageContaining("resource name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "/tmp", "x/../.."})
    void ignorePathsThatLeaveTheModelAreRefused(String ignore, @TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m"));
        Files.writeString(model.resolve("w"), "w");
        assertThatThrownBy(() -> HASHER.hash(model, new Serialization.Files(false, List.of(ignore)), Progress.NONE))
                .isInstanceOf(ModelException.class).hasMessageContaining("ignore path");
    }

    @Test
    void rootThatIsNotTheHashOfTheResourcesIsRefused() {
        String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"m\",\"digest\":"
                + "{\"sha256\":\"" + "00".repeat(32) + "\"}}],\"predicateType\":\"" + OmsPayload.PREDICATE_TYPE + "\","
                + "\"predicate\":{\"serialization\":{\"method\":\"files\",\"hash_type\":\"sha256\",\"allow_symlinks\":false},"
                + "\"resources\":[{\"name\":\"w\",\"algorithm\":\"sha256\",\"digest\":\"" + "11".repeat(32) + "\"}]}}";
        assertThatThrownBy(() -> OmsPayload.parse(statement.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ModelException.class).hasMessageContaining("inconsistent");
    }

    @Test
    void symlinkInsideTheModelIsFollowedOnlyWhenAllowed(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m"));
        Files.writeString(model.resolve("real"), "weights");
        Files.createSymbolicLink(model.resolve("link"), Path.of("real"));
        assertThatThrownBy(() -> HASHER.hash(model, FILES, Progress.NONE)).isInstanceOf(ModelException.class)
                .hasMessageContaining("link is a symlink");
        Manifest m = HASHER.hash(model, new Serialization.Files(true, List.of()), Progress.NONE).manifest();
        assertThat(m.resources()).extracting(Resource::name).containsExactly("link", "real");
        assertThat(m.resources().get(0).digest()).isEqualTo(m.resources().get(1).digest());
    }

    @Test
    void symlinkToAFolderOutsideIsRefused(@TempDir Path tmp) throws Exception {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "s");
        Path model = Files.createDirectory(tmp.resolve("m"));
        Files.createSymbolicLink(model.resolve("escape"), outside);
        assertThatThrownBy(() -> HASHER.hash(model, new Serialization.Files(true, List.of()), Progress.NONE))
                .isInstanceOf(ModelException.class).hasMessageContaining("outside the model folder");
    }

    @Test
    void largeFileStreamsInChunksAcrossBufferBoundaries(@TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m"));
        byte[] data = new byte[ModelHasher.CHUNK * 2 + 12345];
        new java.util.Random(7).nextBytes(data);
        Files.write(model.resolve("big"), data);
        Manifest whole = HASHER.hash(model, FILES, Progress.NONE).manifest();
        assertThat(whole.resources().get(0).digestHex()).isEqualTo(HexFormat.of().formatHex(sha256(data)));
        long shard = ModelHasher.CHUNK + 7;
        Manifest shards = HASHER.hash(model, new Serialization.Shards(shard, false, List.of()), Progress.NONE).manifest();
        assertThat(shards.resources()).hasSize(3);
        assertThat(shards.resources().get(2).name()).isEqualTo("big:" + 2 * shard + ":" + data.length);
        assertThat(shards.resources().get(1).digest())
                .isEqualTo(sha256(java.util.Arrays.copyOfRange(data, (int) shard, (int) (2 * shard))));
    }
}
