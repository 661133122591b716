package org.computegov.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWitnessStoreTest {
    @Test
    void compareAndSetIsAtomicAndSurvivesReopening(@TempDir Path dir) throws Exception {
        FileWitnessStore store = new FileWitnessStore(dir);
        LogState a = new LogState(1, new byte[32], new byte[] {1});
        byte[] r2 = new byte[32];
        r2[0] = 2;
        LogState b = new LogState(2, r2, new byte[] {2});
        assertThat(store.latest("o")).isEmpty();
        assertThat(store.compareAndSet("o", Optional.of(a), b)).isFalse();
        assertThat(store.compareAndSet("o", Optional.empty(), a)).isTrue();
        assertThat(store.compareAndSet("o", Optional.empty(), b)).isFalse();
        assertThat(store.compareAndSet("o", Optional.of(b), b)).isFalse();
        assertThat(store.compareAndSet("o", Optional.of(a), b)).isTrue();

        FileWitnessStore reopened = new FileWitnessStore(dir);
        assertThat(reopened.latest("o")).contains(b);
        assertThat(reopened.latest("other")).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }
    }

    @Test
    void racingStoresOnOneDirectoryLetExactlyOneUpdateWin(@TempDir Path dir) throws Exception {
        FileWitnessStore s1 = new FileWitnessStore(dir);
        FileWitnessStore s2 = new FileWitnessStore(dir);
        LogState base = new LogState(1, new byte[32], new byte[] {1});
        assertThat(s1.compareAndSet("o", Optional.empty(), base)).isTrue();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                FileWitnessStore s = i % 2 == 0 ? s1 : s2;
                byte[] root = new byte[32];
                root[0] = (byte) (i + 10);
                LogState next = new LogState(2 + i, root, new byte[] {(byte) i});
                results.add(pool.submit(() -> s.compareAndSet("o", Optional.of(base), next)));
            }
            int wins = 0;
            for (var f : results) {
                wins += f.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void witnessStateIsDurableAcrossRestarts(@TempDir Path dir) throws Exception {
        TestLog log = new TestLog("example.com/log");
        log.grow(6);
        CosignatureSigner w = new CosignatureSigner("w", Ed25519PrivateKey.generate(), java.time.Clock.systemUTC());
        Witness first = new Witness(List.of(w), Map.of(log.origin, log.verifiers()), new FileWitnessStore(dir));
        assertThat(first.addCheckpoint(0, List.of(), log.signed(3)).status()).isEqualTo(200);
        Witness second = new Witness(List.of(w), Map.of(log.origin, log.verifiers()), new FileWitnessStore(dir));
        assertThat(second.addCheckpoint(0, List.of(), log.signed(6)).status()).isEqualTo(409);
        assertThat(second.addCheckpoint(3, log.proof(3, 6), log.signed(6)).status()).isEqualTo(200);
    }
}
