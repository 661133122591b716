package org.computegov.deployment.oms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our manifests of the OMS project's test models equal its golden statements, to every digest and the root. */
class OmsGoldenTest {
    private static final ModelHasher HASHER = new ModelHasher(2);

    @AfterAll
    static void close() {
        HASHER.close();
    }

    @ParameterizedTest(name = "{0}{1}")
    @CsvSource({
            "sample_model_file,", "sample_model_file,_shard", "sample_model_file,_small_shards",
            "sample_model_folder,", "sample_model_folder,_shard", "sample_model_folder,_small_shards",
            "deep_model_folder,", "deep_model_folder,_shard", "deep_model_folder,_small_shards",
            "empty_model_file,", "empty_model_file,_shard", "empty_model_file,_small_shards",
            "empty_model_folder,", "empty_model_folder,_shard", "empty_model_folder,_small_shards",
            "model_folder_with_empty_file,", "model_folder_with_empty_file,_shard",
            "model_folder_with_empty_file,_small_shards"})
    void matchesGoldenStatement(String fixture, String variant, @TempDir Path tmp) throws Exception {
        String suffix = variant == null ? "" : variant;
        // The goldens were made with symlinks allowed and no ignore paths.
        Serialization how = switch (suffix) {
            case "" -> new Serialization.Files(true, List.of());
            case "_shard" -> new Serialization.Shards(Serialization.Shards.DEFAULT_SIZE, true, List.of());
            default -> new Serialization.Shards(8, true, List.of());
        };
        Manifest ours = HASHER.hash(OmsFixtures.model(tmp, fixture), how, Progress.NONE).manifest();
        OmsPayload.Signed golden = OmsPayload.parse(OmsFixtures.vector("payload/" + fixture + suffix));

        assertThat(ours.rootHex()).isEqualTo(golden.rootHex());
        assertThat(ours.resources()).containsExactlyElementsOf(golden.manifest().resources());
        assertThat(ours.serialization()).isEqualTo(golden.manifest().serialization());
        assertThat(ours.modelName()).isEqualTo(golden.manifest().modelName());
        // What we would sign reads back as the same manifest.
        assertThat(OmsPayload.parse(OmsPayload.payload(ours)).manifest()).isEqualTo(golden.manifest());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void symlinkOutOfTheModelIsRefusedEvenWhenSymlinksAreAllowed(boolean allow, @TempDir Path tmp) throws Exception {
        Path model = OmsFixtures.model(tmp, "symlink_model_folder");
        assertThatThrownBy(() -> HASHER.hash(model, new Serialization.Files(allow, List.of()), Progress.NONE))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("symlink_file")
                .hasMessageContaining(allow ? "outside the model folder" : "symlinks are not allowed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"symlink_model_folder", "symlink_model_folder_shard", "symlink_model_folder_small_shards"})
    void goldenOfTheSymlinkModelStillParses(String golden) throws Exception {
        // OMS follows the link out of the folder; we refuse to hash such a model but can read its manifest.
        assertThat(OmsPayload.parse(OmsFixtures.vector("payload/" + golden)).manifest().resources()).isNotEmpty();
    }
}
