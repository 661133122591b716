package org.computegov.deployment.oms;

import java.util.Arrays;
import org.computegov.ledger.Bytes;

/** One manifest entry: what it covers, the digest algorithm name OMS records, and the digest. */
@org.computegov.registry.kernel.Published
public record Resource(ResourceKey key, String algorithm, byte[] digest) {
    public Resource {
        if (key == null || algorithm == null || algorithm.isEmpty() || digest == null || digest.length == 0) {
            throw new IllegalArgumentException("a resource needs a key, an algorithm and a digest");
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    public String name() {
        return key.name();
    }

    public String digestHex() {
        return Bytes.hex(digest);
    }

    /** Same algorithm and digest (the key is compared separately). */
    public boolean sameDigest(Resource o) {
        return algorithm.equals(o.algorithm) && Arrays.equals(digest, o.digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Resource r && r.key.equals(key) && sameDigest(r);
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return name() + " " + algorithm + ":" + digestHex();
    }
}
