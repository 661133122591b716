package org.computegov.registry.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SealedTest {
    /** Salt 0x00, 0x01, …, 0x1f. */
    private static final byte[] SALT = new byte[32];
    private static final byte[] PAYLOAD = "{\"customerId\":\"acct-17\"}".getBytes(StandardCharsets.US_ASCII);
    /**
     * Computed outside Java:
     * {@code printf 'computegov/sealed/v1\n\x00\x01…\x1f{"customerId":"acct-17"}' | openssl dgst -sha256}
     * (77 bytes: 21 of tag, 32 of salt, 24 of payload).
     */
    private static final String GOLDEN = "a5ca65eb79ea0a5c1376b23182e938cc8574d7adb88e8f0f46dca74578d48bdb";

    static {
        for (int i = 0; i < SALT.length; i++) SALT[i] = (byte) i;
    }

    @Test
    void theCommitmentIsTheDocumentedDigest() {
        assertThat(Sealed.of(SALT, PAYLOAD).commitment()).isEqualTo(GOLDEN);
        assertThat(Sealed.commit(SALT, PAYLOAD)).isEqualTo(GOLDEN);
    }

    @Test
    void theCommitmentIsSha256OverTagSaltAndPayloadByHand() throws Exception {
        byte[] tag = {'c', 'o', 'm', 'p', 'u', 't', 'e', 'g', 'o', 'v', '/', 's', 'e', 'a', 'l', 'e', 'd', '/', 'v',
                '1', '\n'};
        byte[] all = new byte[tag.length + SALT.length + PAYLOAD.length];
        System.arraycopy(tag, 0, all, 0, tag.length);
        System.arraycopy(SALT, 0, all, tag.length, SALT.length);
        System.arraycopy(PAYLOAD, 0, all, tag.length + SALT.length, PAYLOAD.length);
        assertThat(all).hasSize(77);
        String byHand = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all));
        assertThat(byHand).isEqualTo(GOLDEN);
    }

    @Test
    void aSealedPayloadVerifiesItsOwnCommitmentOnly() {
        Sealed s = Sealed.of(SALT, PAYLOAD);
        assertThat(s.verify(GOLDEN)).isTrue();
        assertThat(s.verify(GOLDEN.toUpperCase())).isFalse(); // statements carry lower case; nothing else matches
        assertThat(s.verify(GOLDEN.substring(1))).isFalse();
        assertThat(s.verify(GOLDEN.substring(0, 63) + "c")).isFalse();
        assertThat(s.verify("")).isFalse();
        assertThat(s.verify(null)).isFalse();
    }

    @Test
    void sealingDrawsA32ByteSalt() {
        SecureRandom random = new SecureRandom();
        Sealed a = Sealed.seal(PAYLOAD, random);
        Sealed b = Sealed.seal(PAYLOAD, random);
        assertThat(a.salt()).hasSize(32);
        assertThat(a.commitment()).isNotEqualTo(b.commitment()).matches("[0-9a-f]{64}");
        assertThat(Sealed.of(a.salt(), a.payload())).isEqualTo(a);
        assertThat(a.size()).isEqualTo(PAYLOAD.length);
    }

    @Test
    void shortSaltsAreRefused() {
        assertThatThrownBy(() -> Sealed.of(new byte[15], PAYLOAD)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("salt has 15 bytes; at least 16 are needed, 32 are usual");
        assertThat(Sealed.of(new byte[16], PAYLOAD).salt()).hasSize(16);
        assertThatThrownBy(() -> Sealed.of(null, PAYLOAD)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aWrongCommitmentCannotBeBuilt() {
        assertThatThrownBy(() -> new Sealed(SALT, PAYLOAD, "00".repeat(32)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not the one of");
        assertThat(new Sealed(SALT, PAYLOAD, GOLDEN).verify(GOLDEN)).isTrue();
    }

    @Test
    void theArraysCannotBeChangedFromOutside() {
        byte[] payload = PAYLOAD.clone();
        Sealed s = Sealed.of(SALT, payload);
        payload[0] = 'X';
        s.payload()[1] = 'X';
        s.salt()[0] = 9;
        assertThat(s.payload()).isEqualTo(PAYLOAD);
        assertThat(s.verify(GOLDEN)).isTrue();
    }

    @Test
    void toStringShowsNeitherPayloadNorSalt() {
        assertThat(Sealed.of(SALT, PAYLOAD).toString()).isEqualTo("Sealed[24 bytes, salt 32 bytes, sha256 " + GOLDEN
                + "]").doesNotContain("acct-17");
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    }

    @Provide
    Arbitrary<byte[]> salts() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(16).ofMaxSize(64);
    }

    @Property(tries = 300)
    void tamperingWithAnyPayloadByteFailsVerification(@ForAll("salts") byte[] salt, @ForAll("payloads") byte[] payload,
            @ForAll @IntRange(min = 0, max = 299) int position, @ForAll @IntRange(min = 1, max = 255) int flip) {
        String commitment = Sealed.of(salt, payload).commitment();
        byte[] tampered = payload.clone();
        tampered[position % payload.length] ^= (byte) flip;
        assertThat(Sealed.of(salt, tampered).verify(commitment)).isFalse();
        assertThat(Sealed.of(salt, payload).verify(commitment)).isTrue();
    }

    @Property(tries = 200)
    void aDifferentSaltGivesADifferentCommitment(@ForAll("payloads") byte[] payload,
            @ForAll @Size(32) byte[] salt, @ForAll @IntRange(min = 0, max = 31) int position,
            @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] other = salt.clone();
        other[position] ^= (byte) flip;
        assertThat(Sealed.commit(other, payload)).isNotEqualTo(Sealed.commit(salt, payload));
    }

    @Property(tries = 100)
    void theStatementsSizeIsWhatSeparatesSaltFromPayload(@ForAll("salts") byte[] salt,
            @ForAll("payloads") byte[] payload) {
        // The commitment is over the plain concatenation, so bytes moved from the payload's front to the salt's end
        // give the same digest. A verifier must therefore take the split from the statement's sealed.size (the
        // payload's length), which Sealed.size() gives, and not trust a submission's own split.
        byte[] joined = new byte[salt.length + payload.length];
        System.arraycopy(salt, 0, joined, 0, salt.length);
        System.arraycopy(payload, 0, joined, salt.length, payload.length);
        byte[] shorterSalt = Arrays.copyOf(joined, 16);
        byte[] longerPayload = Arrays.copyOfRange(joined, 16, joined.length);
        assertThat(Sealed.commit(shorterSalt, longerPayload)).isEqualTo(Sealed.commit(salt, payload));
        if (salt.length > 16) {
            assertThat(Sealed.of(shorterSalt, longerPayload).size()).isNotEqualTo(Sealed.of(salt, payload).size());
        }
    }
}
