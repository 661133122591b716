package org.computegov.ledger.httpsig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.computegov.ledger.FormatException;
import org.junit.jupiter.api.Test;

class ContentDigestTest {
    private static final byte[] HELLO = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void rfc9530Section2Example() throws Exception {
        // RFC 9530 §2: the body {"hello": "world"} has Content-Digest sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:
        assertThat(ContentDigest.of(HELLO)).isEqualTo("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
        assertThat(ContentDigest.matches("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:", HELLO)).isTrue();
    }

    @Test
    void otherAlgorithmsAreIgnoredAndAnAlteredBodyDoesNotMatch() throws Exception {
        String both = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:, "
                + ContentDigest.of(HELLO);
        assertThat(ContentDigest.matches(both, HELLO)).isTrue();
        assertThat(ContentDigest.matches(both, "{\"hello\": \"World\"}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void aFieldWithoutSha256OrNotADictionaryIsRefused() {
        assertThatThrownBy(() -> ContentDigest.matches("sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:", HELLO))
                .isInstanceOf(FormatException.class).hasMessageContaining("sha-256");
        assertThatThrownBy(() -> ContentDigest.matches("sha-256=\"not bytes\"", HELLO)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> ContentDigest.matches("sha-256=:AAAA:, sha-256=:AAAA:", HELLO)).isInstanceOf(FormatException.class);
        assertThatThrownBy(() -> ContentDigest.matches("((", HELLO)).isInstanceOf(FormatException.class);
    }
}
