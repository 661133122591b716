package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.keys.Ed25519PrivateKey;
import org.computegov.ledger.keys.PemKeys;
import org.computegov.server.CgovServer;
import org.computegov.server.EmbeddedDatabase;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with the log's database is caught: an altered entry or an altered full tile by `cgov log audit` against
 * the real server, and an altered right-edge tile by the server itself, which refuses to start rather than sign a
 * second root for a size it has published.
 */
class LogTamperTest {
    @TempDir Path dir;

    private CgovServer start(Path data, Path pem) throws Exception {
        return CgovServer.start(new ServerOptions(0, data, null, null, null, false, null, null,
                new LogOptions("tamper.test/log", List.of(pem), List.of(), 0)), Clock.systemDefaultZone());
    }

    private void sql(Path data, String statement, Object... args) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data.resolve("postgres"));
                Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private CliRun audit(CgovServer server, String vkey, Path state) {
        return CliRun.of("log", "audit", "--url", "http://localhost:" + server.port(), "--vkey", vkey,
                "--state-dir", state.toString());
    }

    @Test
    void auditAndStartUpCatchEveryKindOfTampering() throws Exception {
        Path data = dir.resolve("data");
        Ed25519PrivateKey key = Ed25519PrivateKey.generate();
        Path pem = Files.writeString(dir.resolve("k.pem"), PemKeys.toPem(key.publicKey()));
        Ed25519DsseSigner signer = new Ed25519DsseSigner("tamper", key);
        String vkey;
        try (CgovServer server = start(data, pem)) {
            vkey = server.logVerifierKey();
            for (int i = 0; i < 600; i++) {
                server.log().submit(Dsse.sign("application/vnd.in-toto+json", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                        List.of(signer)).toJson());
            }
            CliRun clean = audit(server, vkey, dir.resolve("audit-clean"));
            assertThat(clean.exit()).as(clean.out() + clean.err()).isZero();
        }

        // 1. An entry's bytes altered in the database.
        byte[] forged = Dsse.sign("application/vnd.in-toto+json", "{\"n\":-5}".getBytes(StandardCharsets.UTF_8), List.of(signer)).toJson();
        sql(data, "UPDATE log_entry SET entry = ? WHERE idx = 5", forged);
        try (CgovServer server = start(data, pem)) {
            CliRun r = audit(server, vkey, dir.resolve("audit-1"));
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out() + r.err()).contains("5");
        }
        sql(data, "UPDATE log_entry SET entry = ? WHERE idx = 5",
                Dsse.sign("application/vnd.in-toto+json", "{\"n\":5}".getBytes(StandardCharsets.UTF_8), List.of(signer)).toJson());

        // 2. A full level-0 tile altered (not on the right edge, so the server starts and serves it).
        // Every bit of one byte flipped: writing a fixed value would change nothing when the byte already had it.
        sql(data, "UPDATE log_tile SET hashes = set_byte(hashes, 39, get_byte(hashes, 39) # 255) WHERE level = 0 AND idx = 1");
        try (CgovServer server = start(data, pem)) {
            CliRun r = audit(server, vkey, dir.resolve("audit-2"));
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.out() + r.err()).containsIgnoringCase("tile");
        }

        // 3. A right-edge tile altered: the server will not start on storage that contradicts its signed checkpoint.
        sql(data, "UPDATE log_tile SET hashes = set_byte(hashes, 0, get_byte(hashes, 0) # 255) WHERE level = 1 AND idx = 0");
        assertThatThrownBy(() -> start(data, pem)).hasMessageContaining("does not match the checkpoint the log signed");
    }
}
