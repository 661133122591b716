package org.computegov.server;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.server.http.HttpGate;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The HTTPS listener: a certificate chain and an unencrypted PKCS#8 private key (RSA, EC or Ed25519), both PEM, as
 * certificate authorities and {@code openssl} write them; TLS 1.2 and 1.3 only (Jetty's defaults exclude the rest).
 */
final class Tls {
    private Tls() {}

    static KeyStore keyStore(Path certFile, Path keyFile, char[] password) throws InvalidInputException {
        Collection<? extends Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(
                    new ByteArrayInputStream(Files.readAllBytes(certFile)));
        } catch (Exception e) {
            throw new InvalidInputException("--tls-cert", "Cannot read a certificate from " + certFile + ": " + e.getMessage(),
                    "Give the PEM certificate chain, server certificate first.");
        }
        if (chain.isEmpty()) {
            throw new InvalidInputException("--tls-cert", certFile + " holds no certificate.", "Give a PEM certificate chain.");
        }
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("cgov", key, password, chain.toArray(Certificate[]::new));
            return ks;
        } catch (Exception e) {
            throw new InvalidInputException("--tls-key", "The key does not go with the certificate: " + e.getMessage(), null);
        }
    }

    private static PrivateKey privateKey(Path keyFile) throws InvalidInputException {
        String pem;
        try {
            pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        } catch (Exception e) {
            throw new InvalidInputException("--tls-key", "Cannot read " + keyFile + ".", null);
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw new InvalidInputException("--tls-key", keyFile + " is not an unencrypted PKCS#8 PEM key.",
                    "Convert it: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException tryNext) {
                // not this algorithm
            }
        }
        throw new InvalidInputException("--tls-key", keyFile + " holds no RSA, EC or Ed25519 key.", null);
    }

    /** TLS (1.2 and 1.3) serving the key store's key, then HTTP/1.1 inside it. */
    static HttpGate.Protocols protocols(KeyStore keys, char[] password) {
        return base -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(keys);
            ssl.setKeyStorePassword(new String(password));
            HttpConfiguration https = new HttpConfiguration(base);
            // SNI host checking would refuse "localhost" against a certificate for another name; the browser checks names.
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            https.addCustomizer(secure);
            return new ConnectionFactory[] {new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https)};
        };
    }
}
