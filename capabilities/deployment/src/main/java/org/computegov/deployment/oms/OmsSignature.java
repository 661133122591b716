package org.computegov.deployment.oms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.computegov.ledger.Bytes;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.VerificationException;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.DsseSigner;
import org.computegov.ledger.dsse.DsseVerifier;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.dsse.VerifiedPayload;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.ledger.merkle.Rfc6962;

/**
 * Model signatures as OMS writes them: a Sigstore bundle (v0.3 JSON) whose {@code dsseEnvelope} holds the in-toto
 * manifest, with the key named only by a hint (SHA-256 of its PEM), so the verifier must bring the key. Reading
 * also accepts a bare DSSE envelope. Signing is Ed25519; verifying takes any key the ledger's DSSE verifiers take
 * (Ed25519, ECDSA P-256 with SHA-256, P-384 with SHA-384, as OMS's elliptic-key signer uses).
 */
@org.computegov.registry.kernel.Published
public final class OmsSignature {
    public static final String BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    /** Manifests of models in small shards are large; OMS sets no limit, this one keeps a parser bounded. */
    public static final int MAX_SIZE = 64 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private OmsSignature() {}

    /** Signs the manifest into an OMS bundle, the bytes of the signature file. */
    public static byte[] sign(Manifest m, DsseSigner signer, byte[] signerSpki) {
        Envelope env = Dsse.sign(Statement.PAYLOAD_TYPE, OmsPayload.payload(m), List.of(signer));
        ObjectNode bundle = JSON.createObjectNode();
        bundle.put("mediaType", BUNDLE_MEDIA_TYPE);
        ObjectNode material = bundle.putObject("verificationMaterial");
        String pem = PemKeys.spkiToPem(signerSpki);
        material.putObject("publicKey").put("hint", Bytes.hex(Rfc6962.sha256(pem.getBytes(StandardCharsets.US_ASCII))));
        material.putArray("tlogEntries");
        try {
            bundle.set("dsseEnvelope", JSON.readTree(env.toJson()));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(bundle);
        } catch (IOException e) {
            throw new IllegalStateException("re-reading JSON we just wrote cannot fail", e);
        }
    }

    /** The DSSE envelope in a signature file: an OMS/Sigstore bundle's, or a bare envelope. */
    public static Envelope envelope(byte[] file) throws ModelException {
        if (file.length > MAX_SIZE) {
            throw new ModelException("the signature is " + file.length + " bytes; at most " + MAX_SIZE + " are read",
                    "Give the model's signature file.");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file);
        } catch (JsonProcessingException e) {
            throw new ModelException("the signature is not JSON: " + e.getOriginalMessage(), "Give the model's signature file.", e);
        } catch (IOException e) {
            throw new ModelException("the signature cannot be read", "Give the model's signature file.", e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelException("the signature is not a JSON object", "Give the model's signature file.");
        }
        JsonNode env = root;
        if (root.has("dsseEnvelope")) {
            String media = root.path("mediaType").asText("");
            if (!media.startsWith("application/vnd.dev.sigstore.bundle")) {
                throw new ModelException("the bundle's media type is '" + media + "'", "Give a Sigstore bundle (" + BUNDLE_MEDIA_TYPE + ").");
            }
            env = root.get("dsseEnvelope");
        }
        try {
            return Envelope.parse(JSON.writeValueAsBytes(env), MAX_SIZE);
        } catch (FormatException | JsonProcessingException e) {
            throw new ModelException("the signature holds no DSSE envelope: " + e.getMessage(),
                    "Give an OMS signature (model.sig) or a DSSE envelope.", e);
        }
    }

    /**
     * Verifies a signature file with trusted keys and returns the signed manifest.
     *
     * @throws VerificationException when no trusted key signed it
     * @throws ModelException when it is not a usable OMS v1.0 signature
     */
    public static OmsPayload.Signed verify(byte[] file, List<DsseVerifier> trusted)
            throws ModelException, VerificationException {
        Envelope env = envelope(file);
        VerifiedPayload v = new Dsse(trusted, 1, MAX_SIZE).verify(env);
        if (!Statement.PAYLOAD_TYPE.equals(v.payloadType())) {
            throw new ModelException("the envelope's payload type is " + v.payloadType() + ", not " + Statement.PAYLOAD_TYPE,
                    "Give an OMS signature.");
        }
        return OmsPayload.parse(v.payload());
    }
}
