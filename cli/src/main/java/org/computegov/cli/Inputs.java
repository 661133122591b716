package org.computegov.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.keys.KeyIds;
import org.computegov.ledger.keys.VerifierKey;
import org.computegov.ledger.note.Ed25519NoteVerifier;
import org.computegov.ledger.note.NoteVerifier;
import org.computegov.ledger.witness.CosignatureVerifier;

/**
 * Reading what the ledger commands are given (files, verifier keys, URLs), turning every failure into an
 * {@link InvalidInputException} that names the option and says what would be right.
 */
final class Inputs {
    /** Verifier keys, key files and notes are small; anything larger is not what the user meant. */
    static final int MAX_SMALL_FILE = 1 << 20;

    private Inputs() {}

    /** The file name that means standard input (and, for outputs, standard output). */
    static final String STDIO = "-";

    static boolean isStdio(Path file) {
        return file != null && file.toString().equals(STDIO);
    }

    /** Reads a whole file ({@code -}: standard input), or says which file could not be read and why. */
    static byte[] read(Path file, String field, String what) throws InvalidInputException {
        if (isStdio(file)) {
            try {
                return Env.stdin.get().readAllBytes();
            } catch (IOException e) {
                throw new InvalidInputException(field, "Cannot read " + what + " from standard input: " + e.getMessage(),
                        "Pipe the " + what + " in, or give a file name instead of '-'.", e);
            }
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(field, "Cannot read " + what + " file " + file + ": it does not exist.",
                    "Give the path of an existing file.", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(field, "Cannot read " + what + " file " + file + ": permission denied.",
                    "Check the file's permissions.", e);
        } catch (IOException e) {
            throw new InvalidInputException(field, "Cannot read " + what + " file " + file + ": " + e.getMessage(),
                    "Give the path of a readable file.", e);
        }
    }

    /** Reads a small UTF-8 text file. */
    static String readText(Path file, String field, String what) throws InvalidInputException {
        byte[] b = read(file, field, what);
        if (b.length > MAX_SMALL_FILE) {
            throw new InvalidInputException(field, what + " file " + file + " is " + b.length + " bytes; at most "
                    + MAX_SMALL_FILE + " are accepted.", "Give the right file.");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Parses a verifier key given on the command line, either as the vkey string itself
     * ({@code name+hexid+base64}) or as the path of a file holding it.
     */
    static VerifierKey vkey(String arg, String field) throws InvalidInputException {
        String text = arg.strip();
        FormatException parseError;
        try {
            return VerifierKey.parse(text);
        } catch (FormatException e) {
            parseError = e;
        }
        Path file = Path.of(text);
        if (Files.isRegularFile(file)) {
            String content = readText(file, field, "verifier key").strip();
            try {
                return VerifierKey.parse(content);
            } catch (FormatException e) {
                throw new InvalidInputException(field, "File " + file + " does not hold a verifier key: "
                        + e.getMessage() + ".", "A vkey is one line: name+<8 hex digits>+<base64>, as printed by "
                        + "'cgov keys generate'.", e);
            }
        }
        throw new InvalidInputException(field, field + " '" + abbreviate(text) + "' is neither a verifier key nor a file: "
                + parseError.getMessage() + ".", "Give the vkey (name+<8 hex digits>+<base64>, as printed by "
                + "'cgov keys generate') or the path of a file holding it.", parseError);
    }

    /** A log's (or a note signer's) plain Ed25519 verifier key, type 0x01. */
    static Ed25519NoteVerifier ed25519Verifier(String arg, String field) throws InvalidInputException {
        VerifierKey k = vkey(arg, field);
        if (k.type() != KeyIds.TYPE_ED25519) {
            throw new InvalidInputException(field, "Verifier key " + k.name() + " has type " + k.type()
                    + ", not Ed25519 (1).", "Give the signer's plain Ed25519 vkey, as 'cgov keys show' prints it.");
        }
        try {
            return new Ed25519NoteVerifier(k.name(), k.ed25519Key());
        } catch (FormatException e) {
            throw new InvalidInputException(field, "Verifier key " + k.name() + " is not a valid Ed25519 key: "
                    + e.getMessage() + ".", "Give a vkey printed by 'cgov keys show'.", e);
        }
    }

    /** A note verifier of either kind: plain Ed25519 (0x01) or a witness cosignature key (0x04). */
    static NoteVerifier noteVerifier(String arg, String field) throws InvalidInputException {
        VerifierKey k = vkey(arg, field);
        try {
            if (k.type() == KeyIds.TYPE_ED25519) {
                return new Ed25519NoteVerifier(k.name(), k.ed25519Key());
            }
            if (k.type() == KeyIds.TYPE_COSIGNATURE_V1) {
                return new CosignatureVerifier(k.name(), k.ed25519Key());
            }
        } catch (FormatException e) {
            throw new InvalidInputException(field, "Verifier key " + k.name() + " is not a valid Ed25519 key: "
                    + e.getMessage() + ".", "Give a vkey printed by 'cgov keys show'.", e);
        }
        throw new InvalidInputException(field, "Verifier key " + k.name() + " has signature type " + k.type()
                + ", which cgov cannot verify.", "Give an Ed25519 (type 1) or cosignature/v1 (type 4) vkey.");
    }

    /** A witness's cosignature verifier (a type 0x04 vkey, or the witness's plain 0x01 vkey). */
    static CosignatureVerifier witnessVerifier(String arg, String field) throws InvalidInputException {
        VerifierKey k = vkey(arg, field);
        try {
            return CosignatureVerifier.parse(k.encode());
        } catch (FormatException e) {
            throw new InvalidInputException(field, "Witness key " + k.name() + " cannot verify cosignatures: "
                    + e.getMessage() + ".", "Give the witness's cosignature/v1 vkey, as 'cgov witness serve' prints it.", e);
        }
    }

    /** An http(s) base URL without a trailing slash. */
    static URI baseUrl(String url, String field) throws InvalidInputException {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, field + " '" + url + "' is not a URL: " + e.getReason() + ".",
                    "Give the server's base URL, e.g. http://localhost:8080.", e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new InvalidInputException(field, field + " '" + url + "' is not an http(s) URL with a host.",
                    "Give the server's base URL, e.g. http://localhost:8080.");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new InvalidInputException(field, field + " '" + url + "' has a query or fragment.",
                    "Give only scheme, host, port and path, e.g. http://localhost:8080.");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
