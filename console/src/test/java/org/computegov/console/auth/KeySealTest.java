package org.computegov.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.computegov.api.Json;
import org.junit.jupiter.api.Test;

class KeySealTest {
    private static final byte[] SECRET = "PRIVATE+KEY+cloud-a/main+AbCdEf".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWithThePasswordAndUsernameItWasSealedFor() throws Exception {
        String sealed = KeySeal.seal(SECRET, "a long passphrase".toCharArray(), "alice", PasswordHashTest.CHEAP);
        assertThat(KeySeal.wellFormed(sealed)).isTrue();
        assertThat(sealed).doesNotContain("PRIVATE");
        assertThat(KeySeal.open(sealed, "a long passphrase".toCharArray(), "alice")).isEqualTo(SECRET);
    }

    @Test
    void wrongPasswordOrAnotherUserCannotOpen() {
        String sealed = KeySeal.seal(SECRET, "a long passphrase".toCharArray(), "alice", PasswordHashTest.CHEAP);
        assertThatThrownBy(() -> KeySeal.open(sealed, "a long passphrasE".toCharArray(), "alice"))
                .isInstanceOf(KeySeal.CannotOpen.class);
        // The username is associated data: a sealed key copied to another user's row does not open.
        assertThatThrownBy(() -> KeySeal.open(sealed, "a long passphrase".toCharArray(), "mallory"))
                .isInstanceOf(KeySeal.CannotOpen.class);
    }

    @Test
    void anyAlteredCiphertextByteIsDetected() throws Exception {
        String sealed = KeySeal.seal(SECRET, "pw".toCharArray(), "alice", PasswordHashTest.CHEAP);
        ObjectNode n = (ObjectNode) Json.mapper().readTree(sealed);
        byte[] ct = Base64.getDecoder().decode(n.get("ciphertext").asText());
        for (int i = 0; i < ct.length; i++) {
            byte[] bad = ct.clone();
            bad[i] ^= 0x01;
            n.put("ciphertext", Base64.getEncoder().encodeToString(bad));
            String altered = Json.write(n);
            assertThatThrownBy(() -> KeySeal.open(altered, "pw".toCharArray(), "alice")).isInstanceOf(KeySeal.CannotOpen.class);
        }
    }

    @Test
    void malformedSealsAreRefused() {
        assertThat(KeySeal.wellFormed("{}")).isFalse();
        assertThat(KeySeal.wellFormed("not json")).isFalse();
        assertThatThrownBy(() -> KeySeal.open("{\"v\":2}", "pw".toCharArray(), "a")).isInstanceOf(KeySeal.CannotOpen.class);
    }
}
