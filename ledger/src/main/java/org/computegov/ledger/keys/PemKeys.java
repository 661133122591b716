package org.computegov.ledger.keys;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.computegov.ledger.FormatException;

/**
 * PEM import and export of keys for DSSE interoperability: public keys as SPKI
 * ({@code PUBLIC KEY}), private keys as PKCS#8 ({@code PRIVATE KEY}), via BouncyCastle.
 */
public final class PemKeys {
    static final String PUBLIC = "PUBLIC KEY";
    static final String PRIVATE = "PRIVATE KEY";

    private PemKeys() {}

    /** Returns the SPKI PEM of an Ed25519 public key. */
    public static String toPem(Ed25519PublicKey key) {
        try {
            byte[] der = SubjectPublicKeyInfoFactory
                    .createSubjectPublicKeyInfo(new Ed25519PublicKeyParameters(key.bytes(), 0)).getEncoded();
            return write(PUBLIC, der);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a valid Ed25519 key cannot fail", e);
        }
    }

    /** Returns the PKCS#8 PEM of an Ed25519 private key. It contains the secret. */
    public static String toPem(Ed25519PrivateKey key) {
        try {
            byte[] der = PrivateKeyInfoFactory
                    .createPrivateKeyInfo(new Ed25519PrivateKeyParameters(key.seed(), 0)).getEncoded();
            return write(PRIVATE, der);
        } catch (IOException e) {
            throw new IllegalStateException("encoding a valid Ed25519 key cannot fail", e);
        }
    }

    /** Returns the PEM of DER-encoded SPKI bytes (any algorithm). */
    public static String spkiToPem(byte[] spkiDer) {
        return write(PUBLIC, spkiDer);
    }

    /** Returns the DER SPKI inside a {@code PUBLIC KEY} PEM block (any algorithm). */
    public static byte[] readSpki(String pem) throws FormatException {
        byte[] der = read(pem, PUBLIC);
        try {
            PublicKeyFactory.createKey(der); // rejects garbage and unsupported algorithms early
        } catch (IOException | RuntimeException e) {
            throw new FormatException("PEM public key is not a valid SPKI structure", e);
        }
        return der;
    }

    /** Reads an Ed25519 public key from a {@code PUBLIC KEY} PEM block. */
    public static Ed25519PublicKey readEd25519PublicKey(String pem) throws FormatException {
        AsymmetricKeyParameter k;
        try {
            k = PublicKeyFactory.createKey(read(pem, PUBLIC));
        } catch (IOException | RuntimeException e) {
            throw new FormatException("PEM public key is not a valid SPKI structure", e);
        }
        if (!(k instanceof Ed25519PublicKeyParameters ed)) {
            throw new FormatException("PEM public key is not Ed25519");
        }
        return Ed25519PublicKey.of(ed);
    }

    /** Reads an Ed25519 private key from a PKCS#8 {@code PRIVATE KEY} PEM block. */
    public static Ed25519PrivateKey readEd25519PrivateKey(String pem) throws FormatException {
        AsymmetricKeyParameter k;
        try {
            k = PrivateKeyFactory.createKey(read(pem, PRIVATE));
        } catch (IOException | RuntimeException e) {
            throw new FormatException("PEM private key is not a valid PKCS#8 structure", e);
        }
        if (!(k instanceof Ed25519PrivateKeyParameters ed)) {
            throw new FormatException("PEM private key is not Ed25519");
        }
        return Ed25519PrivateKey.fromSeed(ed.getEncoded());
    }

    private static byte[] read(String pem, String type) throws FormatException {
        PemObject obj;
        try (PemReader r = new PemReader(new StringReader(pem))) {
            obj = r.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new FormatException("malformed PEM", e);
        }
        if (obj == null) {
            throw new FormatException("no PEM block found");
        }
        if (!obj.getType().equals(type)) {
            throw new FormatException("expected a PEM block of type " + type + ", got " + obj.getType());
        }
        return obj.getContent();
    }

    private static String write(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("writing to a string cannot fail", e);
        }
        return out.toString();
    }
}
