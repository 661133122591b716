package org.computegov.server.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.computegov.console.auth.ConsoleUsers;
import org.computegov.console.auth.Enrolment;
import org.computegov.console.auth.PasswordHash;
import org.computegov.ledger.keys.KeyFiles;
import org.computegov.ledger.keys.SignerKey;

/**
 * Console users for the demo world, one per actor (username = actor id), enrolled the way anyone is: an enrolment
 * signed with the actor's own demo key. Passwords are random, kept in {@code demo-keys/console-users.txt} (mode 600)
 * and printed at start, so a newcomer can sign in as each role.
 */
public final class DemoConsoleUsers {
    public static final List<String> ACTORS = List.of("regulator", "cloud-a", "cloud-b", "frontier-lab", "bio-lab", "eval-inst");
    static final String FILE = "console-users.txt";

    private DemoConsoleUsers() {}

    /** Enrols the demo users not enrolled yet; returns every demo user with its password. */
    public static Map<String, String> ensure(Path dataDirectory, ConsoleUsers users, Enrolment enrolment, Clock clock)
            throws Exception {
        Path keys = dataDirectory.resolve("demo-keys");
        Path file = keys.resolve(FILE);
        Map<String, String> passwords = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String[] parts = line.split(" ", 2);
                if (parts.length == 2) {
                    passwords.put(parts[0], parts[1]);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (String actor : ACTORS) {
            Path key = keys.resolve(actor + ".key");
            if (!Files.exists(key)) {
                continue;
            }
            String password = passwords.computeIfAbsent(actor, a -> randomPassword());
            if (users.find(actor).isEmpty()) {
                SignerKey signer = KeyFiles.readSignerKey(key);
                // The demo's keys lie in demo-keys/ anyway: sealing them lets the demo users act from the console.
                enrolment.enrol(Enrolment.sign(signer, actor, actor, password.toCharArray(),
                        signer.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8), false, clock,
                        PasswordHash.Cost.OWASP));
            }
            lines.add(actor + " " + password);
        }
        if (!lines.isEmpty()) {
            Files.write(file, lines);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions protect it.
            }
        }
        passwords.keySet().retainAll(ACTORS);
        return passwords;
    }

    private static String randomPassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            if (i > 0 && i % 5 == 0) {
                sb.append('-');
            }
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
