package org.computegov.deployment.oms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** --reuse reads only changed files and gives the same manifest as a full hash. */
class ReuseTest {
    private static final ModelHasher HASHER = new ModelHasher(2);

    @AfterAll
    static void close() {
        HASHER.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1000})
    void onlyFilesWhoseSizeOrTimeChangedAreRead(long shardSize, @TempDir Path tmp) throws Exception {
        Serialization how = shardSize == 0 ? new Serialization.Files(false, List.of())
                : new Serialization.Shards(shardSize, false, List.of());
        Path model = Files.createDirectory(tmp.resolve("m"));
        FileTime old = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        for (int i = 0; i < 10; i++) {
            Path f = Files.write(model.resolve("part-" + i), new byte[4096 + i]);
            Files.setLastModifiedTime(f, old);
        }
        Instant hashedAt = Instant.now();
        HashedModel first = HASHER.hash(model, how, Progress.NONE);
        Reuse reuse = HashJson.readReuse(HashJson.write(first, hashedAt));
        assertThat(reuse.size()).isEqualTo(10);

        byte[] changed = new byte[4096 + 3];
        changed[0] = 1; // same size, new content and time
        Files.write(model.resolve("part-3"), changed);
        Files.write(model.resolve("part-7"), new byte[10]); // new size
        Files.setLastModifiedTime(model.resolve("part-7"), old); // even with the old time

        HashedModel again = HASHER.hash(model, how, reuse, Progress.NONE);
        assertThat(again.bytesHashed()).isEqualTo(4096 + 3 + 10);
        assertThat(again.manifest()).isEqualTo(HASHER.hash(model, how, Progress.NONE).manifest());
        assertThat(again.manifest().rootHex()).isNotEqualTo(first.manifest().rootHex());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nothingIsReusedAcrossADifferentCutOrForRacyFiles(boolean racy, @TempDir Path tmp) throws Exception {
        Path model = Files.createDirectory(tmp.resolve("m"));
        Path f = Files.write(model.resolve("w"), new byte[100]);
        if (!racy) {
            Files.setLastModifiedTime(f, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
        }
        Serialization files = new Serialization.Files(false, List.of());
        HashedModel first = HASHER.hash(model, files, Progress.NONE);
        Reuse reuse = HashJson.readReuse(HashJson.write(first, Instant.now()));
        // A file written less than a second before the hash could have changed within the same clock tick.
        assertThat(HASHER.hash(model, files, reuse, Progress.NONE).bytesHashed()).isEqualTo(racy ? 100 : 0);
        assertThat(HASHER.hash(model, new Serialization.Shards(10, false, List.of()), reuse, Progress.NONE)
                .bytesHashed()).isEqualTo(100);
    }
}
