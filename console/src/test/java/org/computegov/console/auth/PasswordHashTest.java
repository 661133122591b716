package org.computegov.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    /** A cheap cost for tests that check behaviour, not strength. */
    static final PasswordHash.Cost CHEAP = new PasswordHash.Cost(64, 1, 1);

    @Test
    void argon2idMatchesRfc9106TestVector() {
        // RFC 9106 §5.3: Argon2id, m=32 KiB, t=3, p=4, password 32×0x01, salt 16×0x02, secret 8×0x03, ad 12×0x04.
        byte[] password = new byte[32];
        Arrays.fill(password, (byte) 1);
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 2);
        byte[] secret = new byte[8];
        Arrays.fill(secret, (byte) 3);
        byte[] ad = new byte[12];
        Arrays.fill(ad, (byte) 4);
        byte[] tag = PasswordHash.derive(password, salt, new PasswordHash.Cost(32, 3, 4), secret, ad, 32);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void hashIsPhcStringWithOwaspCostAndVerifiesOnlyTheRightPassword() {
        String phc = PasswordHash.hash("correct horse battery".toCharArray(), PasswordHash.Cost.OWASP);
        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(PasswordHash.acceptable(phc, PasswordHash.Cost.OWASP)).isTrue();
        assertThat(PasswordHash.verify("correct horse battery".toCharArray(), phc)).isTrue();
        assertThat(PasswordHash.verify("correct horse batterY".toCharArray(), phc)).isFalse();
    }

    @Test
    void saltsDifferSoEqualPasswordsHashDifferently() {
        assertThat(PasswordHash.hash("same".toCharArray(), CHEAP)).isNotEqualTo(PasswordHash.hash("same".toCharArray(), CHEAP));
    }

    @Test
    void weakOrMalformedHashesAreNotAcceptedAndNeverVerify() {
        String cheap = PasswordHash.hash("pw".toCharArray(), CHEAP);
        assertThat(PasswordHash.verify("pw".toCharArray(), cheap)).isTrue();
        assertThat(PasswordHash.acceptable(cheap, PasswordHash.Cost.OWASP)).isFalse();
        assertThat(PasswordHash.verify("pw".toCharArray(), "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$abc")).isFalse();
        assertThat(PasswordHash.verify("pw".toCharArray(), "plain")).isFalse();
        assertThat(PasswordHash.verify("pw".toCharArray(), null)).isFalse();
        // An absurd cost in a stored string is refused, not computed.
        assertThat(PasswordHash.verify("pw".toCharArray(),
                "$argon2id$v=19$m=9999999,t=2,p=1$c29tZXNhbHRzYWx0$" + "A".repeat(43))).isFalse();
    }

    @Test
    void nonAsciiPasswordsAreUtf8() {
        String phc = PasswordHash.hash("pässwörd ✓".toCharArray(), CHEAP);
        assertThat(PasswordHash.verify("pässwörd ✓".toCharArray(), phc)).isTrue();
        assertThat(PasswordHash.verify("passwort ✓".toCharArray(), phc)).isFalse();
    }
}
