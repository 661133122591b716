package org.computegov.console.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.computegov.api.Json;

/**
 * An actor's signing key sealed under a console user's password, for users who choose to let the console sign for
 * them: AES-256-GCM with a key derived by Argon2id from the password (its own salt, so the password hash stored
 * beside it says nothing about this key), the username as associated data so a sealed key cannot be moved to another
 * user. The CLI seals on the user's machine; the server only ever opens it with the password given at sign-in.
 */
public final class KeySeal {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String AAD_PREFIX = "computegov console key v1\n";

    private KeySeal() {}

    /** Thrown when the password is wrong or the sealed key was altered (GCM cannot tell the two apart). */
    public static final class CannotOpen extends Exception {
        private static final long serialVersionUID = 1L;

        CannotOpen(String message) {
            super(message);
        }
    }

    public static String seal(byte[] secret, char[] password, String username, PasswordHash.Cost cost) {
        byte[] salt = new byte[16];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        byte[] key = PasswordHash.derive(PasswordHash.utf8(password), salt, cost, null, null, 32);
        try {
            byte[] ct = cipher(Cipher.ENCRYPT_MODE, key, nonce, username).doFinal(secret);
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("v", 1).put("kdf", "argon2id").put("m", cost.memoryKib()).put("t", cost.iterations())
                    .put("p", cost.parallelism()).put("salt", b64(salt)).put("nonce", b64(nonce)).put("ciphertext", b64(ct));
            return Json.write(n);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable: " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    public static byte[] open(String sealed, char[] password, String username) throws CannotOpen {
        JsonNode n;
        PasswordHash.Cost cost;
        byte[] salt;
        byte[] nonce;
        byte[] ct;
        try {
            n = Json.mapper().readTree(sealed);
            if (n.path("v").asInt() != 1 || !"argon2id".equals(n.path("kdf").asText())) {
                throw new CannotOpen("unknown sealed-key format");
            }
            cost = new PasswordHash.Cost(n.path("m").asInt(), n.path("t").asInt(), n.path("p").asInt());
            salt = Base64.getDecoder().decode(n.path("salt").asText());
            nonce = Base64.getDecoder().decode(n.path("nonce").asText());
            ct = Base64.getDecoder().decode(n.path("ciphertext").asText());
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new CannotOpen("the sealed key is malformed: " + e.getMessage());
        }
        if (salt.length < 16 || nonce.length != 12 || ct.length < 17) {
            throw new CannotOpen("the sealed key is malformed");
        }
        byte[] key = PasswordHash.derive(PasswordHash.utf8(password), salt, cost, null, null, 32);
        try {
            return cipher(Cipher.DECRYPT_MODE, key, nonce, username).doFinal(ct);
        } catch (GeneralSecurityException e) {
            throw new CannotOpen("wrong password, or the sealed key was altered");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether {@code sealed} has the shape {@link #seal} writes (checked before it is stored). */
    public static boolean wellFormed(String sealed) {
        try {
            JsonNode n = Json.mapper().readTree(sealed);
            new PasswordHash.Cost(n.path("m").asInt(), n.path("t").asInt(), n.path("p").asInt());
            return n.path("v").asInt() == 1 && "argon2id".equals(n.path("kdf").asText())
                    && Base64.getDecoder().decode(n.path("nonce").asText()).length == 12
                    && Base64.getDecoder().decode(n.path("salt").asText()).length >= 16
                    && Base64.getDecoder().decode(n.path("ciphertext").asText()).length > 16;
        } catch (java.io.IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String username) throws GeneralSecurityException {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        c.updateAAD((AAD_PREFIX + username).getBytes(StandardCharsets.UTF_8));
        return c;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
