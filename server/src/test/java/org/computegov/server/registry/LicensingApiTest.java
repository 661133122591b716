package org.computegov.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.computegov.server.registry.RegistryHarness.assertAccepted;
import static org.computegov.server.registry.RegistryHarness.licence;
import static org.computegov.server.registry.RegistryHarness.predicate;
import static org.computegov.server.registry.RegistryHarness.standing;
import static org.computegov.server.registry.RegistryHarness.tranche;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Path;
import org.computegov.registry.client.RegistryClient.Answer;
import org.computegov.server.registry.RegistryHarness.TestActor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The licensing capability end to end through the API: the regulator issues a licence, an authorized provider's
 * jobs are admitted against its released budget, another provider's are not, a tranche release and a suspension
 * change the next decision, and reads are for the regulator, the licensee and authorized providers only.
 */
class LicensingApiTest {
    @TempDir static Path data;
    static RegistryHarness registry;
    static TestActor regulator;
    static TestActor provA;
    static TestActor provB;
    static TestActor dev;

    @BeforeAll
    static void start() throws Exception {
        registry = RegistryHarness.start(data);
        regulator = registry.regulator;
        provA = registry.register("prov-a", "US", "compute-provider");
        provB = registry.register("prov-b", "US", "compute-provider");
        dev = registry.register("dev", "US", "developer");
        assertAccepted(regulator.submit(licence(regulator, "L-API", 2))); // 2 tranches of 1e24, the first released
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    private static String job(String provider, int chips, int minutes, String ref) {
        return "{\"provider\":\"" + provider + "\",\"cluster\":\"c1\",\"account\":\"acct-1\",\"licence\":\"L-API\","
                + "\"chip\":\"H100\",\"chips\":" + chips + ",\"timeLimitMinutes\":" + minutes + ",\"jobRef\":\"" + ref + "\"}";
    }

    @Test
    void aSignedJobCannotBeChangedOnTheWayNorSentWithoutItsDigest() throws Exception {
        assertAccepted(regulator.submit(licence(regulator, "L-TAMPER", 1))); // its own budget: the other test counts holds
        String held = regulator.get("/api/v1/licences/L-TAMPER").body().path("heldFlop").asText();
        java.net.URI uri = registry.base().resolve("/api/v1/admission/decide");
        byte[] signed = job("prov-a", 1, 60, "tamper-1").replace("L-API", "L-TAMPER").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] altered = job("prov-a", 9, 60, "tamper-1").replace("L-API", "L-TAMPER").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String digest = org.computegov.ledger.httpsig.ContentDigest.of(signed);
        var withDigest = new org.computegov.registry.client.RequestSigner(provA.key(), java.time.Clock.systemUTC());
        // A relay swaps the body (9 chips for 1), keeping the signed Content-Digest: refused, nothing held.
        var h = withDigest.headers("POST", uri, digest);
        java.net.http.HttpResponse<String> swapped = send(uri, altered, digest, h);
        assertThat(swapped.statusCode()).as(swapped.body()).isEqualTo(401);
        assertThat(swapped.body()).contains("the body is not the one signed");
        // ... or recomputes the digest: the signature covered the old one.
        java.net.http.HttpResponse<String> redigested = send(uri, altered, org.computegov.ledger.httpsig.ContentDigest.of(altered),
                withDigest.headers("POST", uri, digest));
        assertThat(redigested.statusCode()).as(redigested.body()).isEqualTo(401);
        // A signature that does not cover content-digest says nothing about the body: refused.
        var methodPathQueryOnly = org.computegov.ledger.httpsig.MessageSigner.builder(provA.key().privateKey(), provA.keyId())
                .expiresAfter(java.time.Duration.ofSeconds(60)).nonces(() -> java.util.UUID.randomUUID().toString()).build()
                .sign(org.computegov.ledger.httpsig.HttpRequestView.of("POST", uri.toString(), java.util.Map.of()));
        java.net.http.HttpResponse<String> uncovered = send(uri, signed, null, methodPathQueryOnly);
        assertThat(uncovered.statusCode()).as(uncovered.body()).isEqualTo(401);
        assertThat(uncovered.body()).contains("does not cover the request's body");
        assertThat(regulator.get("/api/v1/licences/L-TAMPER").body().path("heldFlop").asText()).isEqualTo(held);
        // The body as signed, with its digest: decided.
        java.net.http.HttpResponse<String> intact = send(uri, signed, digest, withDigest.headers("POST", uri, digest));
        assertThat(intact.statusCode()).as(intact.body()).isEqualTo(200);
        assertThat(intact.body()).contains("\"holdId\":\"prov-a/c1/tamper-1\"");
    }

    private static java.net.http.HttpResponse<String> send(java.net.URI uri, byte[] body, String digest,
            org.computegov.ledger.httpsig.SignatureHeaders h) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Signature-Input", h.signatureInput()).header("Signature", h.signature())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (digest != null) {
            b.header("Content-Digest", digest);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void admissionFollowsTheLicenceItsTranchesAndItsStanding() throws Exception {
        // 1,000 H100 × 100 h ≈ 1.07e23 FLOP of 1e24 released: allowed and held.
        Answer ok = provA.post("/api/v1/admission/decide", job("prov-a", 1000, 6000, "j1"));
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
        assertThat(ok.body().path("decision").asText()).isEqualTo("allow");
        // A dry run is decided the same way and holds nothing: the next real decision sees the same free budget.
        String free = provA.get("/api/v1/licences/L-API").body().path("availableFlop").asText();
        JsonNode dry = provA.post("/api/v1/admission/decide?dryRun=true", job("prov-a", 1000, 6000, "j-dry")).body();
        assertThat(dry.path("decision").asText()).isEqualTo("allow");
        assertThat(dry.path("holdId").isNull()).isTrue();
        assertThat(provA.get("/api/v1/licences/L-API").body().path("availableFlop").asText()).isEqualTo(free);
        assertThat(provA.get("/api/v1/licences/L-API").body().path("openHolds").asInt()).isEqualTo(1);
        assertThat(provA.post("/api/v1/admission/decide?dryRun=true", job("prov-a", 10000, 6000, "j-dry")).body()
                .path("code").asText()).isEqualTo("budget-exceeded");
        assertThat(provA.post("/api/v1/admission/decide?dryRun=perhaps", job("prov-a", 1, 60, "j-dry")).status()).isEqualTo(400);
        // 10,000 H100 × 100 h ≈ 1.07e24 > 8.9e23 free: denied with requested vs available.
        JsonNode over = provA.post("/api/v1/admission/decide", job("prov-a", 10000, 6000, "j2")).body();
        assertThat(over.path("code").asText()).isEqualTo("budget-exceeded");
        assertThat(new BigInteger(over.path("requested").path("flop").asText()))
                .isGreaterThan(new BigInteger(over.path("available").path("flop").asText()));

        // Another provider is not authorized, and may not decide in prov-a's name.
        assertThat(provB.post("/api/v1/admission/decide", job("prov-b", 1, 60, "x")).body().path("code").asText())
                .isEqualTo("cluster-not-authorized");
        assertThat(provB.post("/api/v1/admission/decide", job("prov-a", 1, 60, "x")).status()).isEqualTo(403);
        assertThat(dev.post("/api/v1/admission/decide", job("prov-a", 1, 60, "x")).status()).isEqualTo(403);
        assertThat(provA.post("/api/v1/admission/decide", "{\"provider\":\"prov-a\"}").status()).isEqualTo(400);

        // The second tranche makes room; a suspension stops everything.
        assertAccepted(regulator.submit(tranche(regulator, predicate(regulator), "L-API", 2)));
        assertThat(provA.post("/api/v1/admission/decide", job("prov-a", 10000, 6000, "j2")).body().path("decision").asText())
                .isEqualTo("allow");
        assertAccepted(regulator.submit(standing(regulator, predicate(regulator), "L-API", "suspended", "overrun under review")));
        JsonNode suspended = provA.post("/api/v1/admission/decide", job("prov-a", 1, 60, "j3")).body();
        assertThat(suspended.path("code").asText()).isEqualTo("licence-suspended");
        assertThat(suspended.path("reason").asText()).contains("overrun under review");

        // Reads: the regulator, the licensee and the authorized provider; another provider does not learn it exists.
        JsonNode b = dev.get("/api/v1/licences/L-API").body();
        assertThat(b.path("tranchesReleased").asInt()).isEqualTo(2);
        assertThat(b.path("standing").asText()).isEqualTo("suspended");
        assertThat(b.path("openHolds").asInt()).isEqualTo(2);
        assertThat(regulator.get("/api/v1/licences/L-API").status()).isEqualTo(200);
        assertThat(provA.get("/api/v1/licences/L-API").status()).isEqualTo(200);
        assertThat(provB.get("/api/v1/licences/L-API").status()).isEqualTo(404);
    }

    @Test
    void licenceStatementsAreCheckedBeforeTheyAreLogged() throws Exception {
        assertThat(regulator.submit(licence(regulator, "L-API", 2)).status()).isEqualTo(409); // issued once
        assertThat(regulator.submit(tranche(regulator, predicate(regulator), "L-API", 5)).status()).isEqualTo(409);
        assertThat(regulator.submit(tranche(regulator, predicate(regulator), "L-NONE", 2)).status()).isEqualTo(404);
        assertThat(regulator.submit(standing(regulator, predicate(regulator), "L-API", "paused", "")).status()).isEqualTo(400);
        assertThat(provA.submit(licence(provA, "L-BYPROV", 1)).status()).isEqualTo(403);
    }
}
