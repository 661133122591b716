package org.computegov.ledger.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.bundle.StatusStatement.State;

/** Flipping any bit of a bundle's JSON either makes it fail or leaves what it proves unchanged. */
class BundlePropertiesTest {
    private static final BundleFixture LOG = new BundleFixture(40);

    @Property(tries = 150)
    void anySingleBitFlipIsRefusedOrHarmless(@ForAll @IntRange(min = 0, max = 39) int pick, @ForAll int position)
            throws Exception {
        int index = pick - pick % 3;
        byte[] json = LOG.bundle(index).withStatus(LOG.status(index, State.VALID, BundleFixture.NOW)).toJson();
        int bit = Math.floorMod(position, json.length * 8);
        json[bit / 8] ^= (byte) (1 << (bit % 8));
        VerifiedBundle v;
        try {
            v = LOG.verifier(BundleFixture.hour()).verify(Bundle.parse(json));
        } catch (VerificationException e) {
            return; // refused, as it should be in almost every case
        }
        // Accepted: only if the flip changed nothing that is signed or proved (e.g. base64 padding bits).
        assertThat(v.leafIndex()).isEqualTo(index);
        assertThat(Arrays.equals(v.payload().payload(),
                org.computegov.ledger.dsse.Envelope.parse(LOG.entries.get(index)).payload())).isTrue();
        assertThat(v.status().orElseThrow().state()).isEqualTo(State.VALID);
    }
}
