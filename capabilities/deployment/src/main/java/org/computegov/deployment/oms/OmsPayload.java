package org.computegov.deployment.oms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.intoto.Subject;

/**
 * The OMS v1.0 manifest as an in-toto statement: one subject (the model's name and its root digest) and the
 * predicate {@code https://model_signing/signature/v1.0} with {@code serialization} and {@code resources}.
 */
@org.computegov.registry.kernel.Published
public final class OmsPayload {
    public static final String PREDICATE_TYPE = "https://model_signing/signature/v1.0";

    private OmsPayload() {}

    /** A manifest read from a signature, with the root its subject names (checked against its resources). */
    public record Signed(Manifest manifest, String rootHex) {}

    public static Statement statement(Manifest m) {
        ObjectNode predicate = JsonNodeFactory.instance.objectNode();
        predicate.set("serialization", m.serialization().toJson());
        var resources = predicate.putArray("resources");
        for (Resource r : m.resources()) {
            resources.addObject().put("algorithm", r.algorithm()).put("digest", r.digestHex()).put("name", r.name());
        }
        return new Statement(List.of(Subject.sha256(m.modelName(), m.rootHex())), PREDICATE_TYPE, predicate);
    }

    /** The statement's bytes, to be signed. */
    public static byte[] payload(Manifest m) {
        return statement(m).toJson();
    }

    /**
     * Reads an OMS v1.0 statement. Refuses what OMS refuses (another predicate type, not exactly one subject, a root
     * that is not the hash of the resources in the order listed) and what could point outside the model: resource
     * names or ignore paths that are absolute or contain "..". Also refuses duplicate names and resources whose
     * algorithm is not the serialization's.
     */
    public static Signed parse(byte[] payload) throws ModelException {
        Statement st;
        try {
            st = Statement.parse(payload);
        } catch (FormatException e) {
            throw new ModelException("the signed payload is not an in-toto statement: " + e.getMessage(),
                    "Give an OMS (model_signing) v1.0 signature.", e);
        }
        if (!PREDICATE_TYPE.equals(st.predicateType())) {
            throw new ModelException("the statement's predicate type is " + st.predicateType() + ", not " + PREDICATE_TYPE,
                    "Sign the model again with model_signing 1.0 or later, or with 'cgov model sign'.");
        }
        if (st.subject().size() != 1) {
            throw new ModelException("an OMS statement has exactly one subject, this one has " + st.subject().size(),
                    "Give an OMS v1.0 signature.");
        }
        Subject subject = st.subject().get(0);
        String root = subject.digest().get("sha256");
        if (root == null) {
            throw new ModelException("the subject has no sha256 root digest", "Give an OMS v1.0 signature.");
        }
        JsonNode predicate = st.predicate();
        if (predicate == null) {
            throw new ModelException("the statement has no predicate", "Give an OMS v1.0 signature.");
        }
        Serialization s = Serialization.fromJson(predicate.get("serialization"));
        JsonNode list = predicate.get("resources");
        if (list == null || !list.isArray()) {
            throw new ModelException("the predicate has no 'resources' list", "Give an OMS v1.0 signature.");
        }
        List<Resource> resources = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode r : list) {
            String name = field(r, "name");
            String algorithm = field(r, "algorithm");
            String hex = field(r, "digest");
            ResourceKey key = ResourceKey.parse(name, s.sharded());
            if (!names.add(key.name())) {
                throw new ModelException("resource " + name + " is listed twice", "Give an OMS v1.0 signature.");
            }
            if (!algorithm.equals(s.resourceAlgorithm())) {
                throw new ModelException("resource " + name + " was hashed with " + algorithm + ", not "
                        + s.resourceAlgorithm() + " as its serialization says", "Give an OMS v1.0 signature.");
            }
            byte[] digest;
            try {
                digest = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new ModelException("resource " + name + " has a digest that is not hex", "Give an OMS v1.0 signature.", e);
            }
            if (digest.length != 32) {
                throw new ModelException("resource " + name + " has a " + digest.length + "-byte digest; SHA-256 has 32",
                        "Give an OMS v1.0 signature.");
            }
            resources.add(new Resource(key, algorithm, digest));
        }
        String listed = Bytes.hex(Manifest.rootOf(resources));
        if (!MessageDigest.isEqual(listed.getBytes(), root.getBytes())) {
            throw new ModelException("the manifest is inconsistent: its subject names root " + root
                    + " but its resources hash to " + listed, "The signature was altered or made by a faulty signer.");
        }
        return new Signed(new Manifest(subject.name(), s, resources), root);
    }

    private static String field(JsonNode r, String name) throws ModelException {
        JsonNode n = r == null ? null : r.get(name);
        if (n == null || !n.isTextual()) {
            throw new ModelException("a resource has no '" + name + "' string", "Give an OMS v1.0 signature.");
        }
        return n.textValue();
    }
}
