package org.computegov.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.computegov.api.Json;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.server.CgovServer;
import org.computegov.server.ServerOptions;
import org.computegov.server.log.LogOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry commands against one real server (embedded PostgreSQL, port 0), driven in process exactly as a user
 * types them: a regulator registers a provider and a developer, loads a denied-party list; the provider identifies
 * its customers (one of whom is on the list), reports Slurm and JSON usage; the developer declares a run that the
 * usage pushes past the EU AI Act's 1e25 FLOP; the regulator sees the obligations and replays the registry; the
 * developer rotates its key. The tests run in order and share the server's state; every refusal is checked for its
 * exit code and for a message that says what is wrong and how to fix it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryCommandsTest {
    private static final Path SACCT_SAMPLES = Path.of("..", "registry", "src", "test", "resources", "sacct");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final String PROVIDER = "cloud-t";
    private static final String DEVELOPER = "lab-t";

    @TempDir static Path dir;
    private static CgovServer server;
    private static String url;
    private static Path regulatorKey;
    private static Path providerKey;
    private static Path developerKey;
    private static String developerVkey;
    private static Path developerKey2;

    @BeforeAll
    static void startServer() throws Exception {
        Path data = dir.resolve("data");
        server = CgovServer.start(new ServerOptions(0, data, null, null, null, false, null, null, LogOptions.defaults()),
                Clock.systemUTC());
        url = "http://127.0.0.1:" + server.port();
        regulatorKey = data.resolve("regulator.key");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** A command as the holder of {@code key} runs it against the test server. */
    private static CliRun as(Path key, String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", url, "--key", key.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A command without a key (a public read, or a write that forgot its key). */
    private static CliRun anonymous(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--url", url));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Asserts success and returns what the command printed. */
    private static String ok(CliRun r) {
        assertThat(r.exit()).as("exit code; stderr: %s; stdout: %s", r.err(), r.out()).isZero();
        assertThat(r.err()).as("stderr").isEmpty();
        return r.out();
    }

    /** Asserts a refusal of bad input (exit 2, nothing on stdout, one plain line on stderr) and returns it. */
    private static String refused(CliRun r) {
        assertThat(r.exit()).as("exit code; stderr: %s; stdout: %s", r.err(), r.out()).isEqualTo(2);
        assertThat(r.out()).as("stdout").isEmpty();
        plain(r.err());
        return r.err();
    }

    /** A message for a person: one line starting "cgov: ", no stack trace, no exception class names. */
    private static void plain(String err) {
        assertThat(err).startsWith("cgov: ").endsWith("\n");
        assertThat(err.strip()).doesNotContain("\n");
        assertThat(err).doesNotContain("Exception", "\tat ");
    }

    /** The verifier key `cgov keys generate` printed. */
    private static String vkeyOf(String generateOutput) {
        List<String> lines = generateOutput.lines().toList();
        int at = lines.indexOf("verifier key (vkey, for note, checkpoint and log verification):");
        assertThat(at).as(generateOutput).isNotNegative();
        return lines.get(at + 1).strip();
    }

    /** `cgov keys generate --name NAME --out FILE`: the file, and the vkey it printed. */
    private static String generate(String name, Path out) {
        String printed = ok(CliRun.of("keys", "generate", "--name", name, "--out", out.toString()));
        assertThat(printed).startsWith("signer key " + name + " written to " + out);
        return vkeyOf(printed);
    }

    /**
     * Generates keys until one's vkey has a '+' in its base64 part (about every other key does), so that handling
     * a vkey by splitting it at '+' is caught every run, not every other run.
     */
    private static String generateWithPlusInBase64(String name, Path out) throws IOException {
        for (int i = 0; i < 64; i++) {
            Path candidate = out.resolveSibling(out.getFileName() + ".try" + i);
            String vkey = generate(name, candidate);
            if (vkey.split("\\+", -1).length > 3) {
                Files.move(candidate, out);
                return vkey;
            }
        }
        throw new AssertionError("64 keys without a '+' in their base64");
    }

    /** The key id ({@code name+hexid}) of a vkey: everything before the base64. */
    private static String keyIdOf(String vkey) {
        int first = vkey.indexOf('+');
        return vkey.substring(0, vkey.indexOf('+', first + 1));
    }

    private static String accepted(String kind) {
        return "accepted " + kind + " statement " + UUID + " at log index \\d+\n";
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Lines of the registry's sample sacct export whose JobID starts with one of the ids, Account set to the customer. */
    private static String sacctLines(String customer, String... jobIds) throws IOException {
        try (Stream<String> lines = Files.lines(SACCT_SAMPLES.resolve("sol-2025-03-03.txt"))) {
            List<String> out = lines.filter(l -> Arrays.stream(jobIds).anyMatch(id -> l.startsWith(id + "|")
                            || l.startsWith(id + "_") || l.startsWith(id + ".")))
                    .map(l -> {
                        String[] f = l.split("\\|", -1);
                        f[5] = customer;
                        return String.join("|", f);
                    }).toList();
            assertThat(out).isNotEmpty();
            return String.join("\n", out) + "\n";
        }
    }

    private static String customerRecord(String id, String legalName, String country, String risk) {
        return """
                {"customerId": "%s",
                 "customerType": "ORGANIZATION",
                 "legalName": "%s",
                 "aliases": [],
                 "address": {"lines": ["12 Example Road"], "city": "Example City", "country": "%s"},
                 "country": "%s",
                 "beneficialOwners": [{"name": "%s Holdings", "country": "%s"}],
                 "paymentMeans": [{"kind": "WIRE", "reference": "****4242"}],
                 "email": "kyc@%s.example",
                 "phone": "+15555550100",
                 "verification": {"method": "DOCUMENTARY", "evidence": "registry extract on file", "date": "2026-11-02",
                                  "state": "VERIFIED"},
                 "riskRating": "%s"}
                """.formatted(id, legalName, country, country, legalName, country, id, risk);
    }

    // ---- the workflow ---------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void theRegulatorRegistersAProviderAndADeveloperWithKeysFromKeysGenerate() throws Exception {
        providerKey = dir.resolve("cloud-t.key");
        String providerVkey = generate(PROVIDER + "/main", providerKey);
        developerKey = dir.resolve("lab-t.key");
        developerVkey = generateWithPlusInBase64(DEVELOPER + "/main", developerKey);

        assertThat(ok(as(regulatorKey, "actor", "register", "--id", PROVIDER, "--name", "Cloud T Compute Inc.",
                "--role", "compute-provider", "--jurisdiction", "US", "--vkey", providerVkey)))
                .matches(accepted("actor") + "  actor: cloud-t\n  keys: 1\n");
        assertThat(ok(as(regulatorKey, "actor", "register", "--id", DEVELOPER, "--name", "Lab T", "--role", "developer",
                "--jurisdiction", "US", "--vkey", developerVkey)))
                .matches(accepted("actor") + "  actor: lab-t\n  keys: 1\n");

        // The actor list is public: no key needed.
        String actors = ok(anonymous("actor", "list"));
        assertThat(actors.lines().toList()).hasSize(4);
        assertThat(actors).startsWith("actor    name                  roles             jurisdiction  keys (revoked marked)\n");
        assertThat(actors).contains(
                "\ncloud-t  Cloud T Compute Inc.  compute-provider  US            " + keyIdOf(providerVkey) + "\n",
                "\nlab-t    Lab T                 developer         US            " + keyIdOf(developerVkey) + "\n");

        // Registering an actor twice, or registering as someone who is not a regulator, is refused.
        assertThat(refused(as(regulatorKey, "actor", "register", "--id", PROVIDER, "--name", "Cloud T",
                "--role", "compute-provider", "--jurisdiction", "US", "--vkey", providerVkey)))
                .isEqualTo("cgov: Actor already registered (HTTP 409): actor cloud-t is already registered."
                        + " Manage its keys with key statements.\n");
        Path otherKey = dir.resolve("other.key");
        String otherVkey = generate("other/main", otherKey);
        assertThat(refused(as(providerKey, "actor", "register", "--id", "other", "--name", "Other", "--role", "developer",
                "--jurisdiction", "US", "--vkey", otherVkey)))
                .isEqualTo("cgov: Not allowed for this actor (HTTP 403): cloud-t is not a regulator; actor statements need"
                        + " that role. Ask the regulator to register the role, or sign as the right actor.\n");
        assertThat(refused(as(regulatorKey, "actor", "register", "--id", "other", "--name", "Other", "--role", "pirate",
                "--jurisdiction", "US", "--vkey", otherVkey)))
                .isEqualTo("cgov: Invalid statement (HTTP 400): unknown role 'pirate'. Roles: regulator, compute-provider,"
                        + " developer, evaluator, auditor.\n");
    }

    @Test
    @Order(2)
    void theRegulatorLoadsTheSyntheticScreeningList() throws Exception {
        Path csl = dir.resolve("synthetic_csl.csv");
        try (InputStream in = ScreeningLists.class.getResourceAsStream(ScreeningLists.SYNTHETIC_RESOURCE)) {
            Files.write(csl, in.readAllBytes());
        }
        assertThat(ok(as(regulatorKey, "screening", "load", "--name", "synthetic", csl.toString())))
                .matches(accepted("screening-list") + "  list: synthetic\n  entries: 200\n  customersScreened: 0\n"
                        + "  hits: 0\n  hitsBefore: 0\n");
        assertThat(refused(as(providerKey, "screening", "load", csl.toString())))
                .isEqualTo("cgov: Not allowed for this actor (HTTP 403): cloud-t is not a regulator; screening-list"
                        + " statements need that role. Ask the regulator to register the role, or sign as the right actor.\n");
        Path notCsl = write("not-a-list.csv", "entity,country\nZorblat,CN\n");
        assertThat(refused(as(regulatorKey, "screening", "load", notCsl.toString())))
                .isEqualTo("cgov: " + notCsl + " is not a CSL CSV: csl line 1: no \"name\" column in the header (columns:"
                        + " entity, country). Download it from https://www.trade.gov/consolidated-screening-list (CSV).\n");
    }

    @Test
    @Order(3)
    void theProviderIdentifiesItsCustomersAndOneOfThemIsOnTheList() throws Exception {
        Path zorblat = write("acct-zq.json", customerRecord("acct-zq", "Zorblat Quantum Dynamics", "CN", "HIGH"));
        assertThat(ok(as(providerKey, "kyc", "submit", zorblat.toString())))
                .matches(accepted("customer") + "  customer: cloud-t/acct-zq\n  foreign: true\n  beneficialOwners: 1\n"
                        + "  screeningHits: 1\n");
        Path acme = write("acct-acme.json", customerRecord("acct-acme", "Acme Research Inc.", "US", "LOW"));
        assertThat(ok(as(providerKey, "kyc", "submit", acme.toString())))
                .matches(accepted("customer") + "  customer: cloud-t/acct-acme\n  foreign: false\n  beneficialOwners: 1\n"
                        + "  screeningHits: 0\n");

        Path events = write("access.json", """
                [{"customerId": "acct-zq", "ipAddress": "192.0.2.17", "time": "2026-11-20T09:00:00Z", "action": "console login"},
                 {"customerId": "acct-zq", "ipAddress": "2001:db8::17", "time": "2026-11-21T10:30:00+01:00"}]
                """);
        assertThat(ok(as(providerKey, "kyc", "access", events.toString())))
                .matches(accepted("access") + "  customer: cloud-t/acct-zq\n  events: 2\n");

        // kyc show: the record as submitted, the access events, the screening hit.
        JsonNode shown = json(ok(as(providerKey, "kyc", "show", "cloud-t/acct-zq", "--json")));
        assertThat(shown.path("provider").asText()).isEqualTo(PROVIDER);
        assertThat(shown.path("customerId").asText()).isEqualTo("acct-zq");
        assertThat(shown.path("foreign").asBoolean()).isTrue();
        assertThat(shown.path("record").path("legalName").asText()).isEqualTo("Zorblat Quantum Dynamics");
        assertThat(shown.path("accessEvents")).hasSize(2);
        assertThat(shown.path("accessEvents").get(0).path("ipAddress").asText()).isEqualTo("192.0.2.17");
        assertThat(shown.path("accessEvents").get(1).path("time").asText()).isEqualTo("2026-11-21T09:30:00Z");
        assertThat(shown.path("screeningHits")).hasSize(1);
        JsonNode hit = shown.path("screeningHits").get(0);
        assertThat(hit.path("list").asText()).isEqualTo("synthetic");
        assertThat(hit.path("matchedName").asText()).isEqualTo("Zorblat Quantum Dynamics LLC");
        assertThat(hit.path("entryId").asText()).isEqualTo("SEL:1");
        assertThat(hit.path("score").asDouble()).isGreaterThan(0.9);
        assertThat(json(ok(as(regulatorKey, "kyc", "show", "cloud-t/acct-acme", "--json"))).path("screeningHits")).isEmpty();

        // kyc screen: a prospective customer's name against the loaded lists.
        String screened = ok(as(providerKey, "kyc", "screen", "Zorblat Quantum Dynamics"));
        assertThat(screened.lines().toList()).hasSize(3);
        assertThat(screened.lines().toList().get(0)).startsWith("score  list       source").contains("matched name");
        assertThat(screened.lines().toList().get(2))
                .matches("1\\.000  synthetic  Synthetic Entity List \\(SEL\\) - computegov test data  SEL:1  Zorblat Quantum"
                        + " Dynamics LLC  NAME");
        assertThat(ok(as(providerKey, "kyc", "screen", "Acme Research Inc."))).isEqualTo("no match on the loaded lists\n");

        // kyc list: the provider's own customers.
        String listed = ok(as(providerKey, "kyc", "list"));
        assertThat(listed.lines().toList()).containsExactly(
                "provider  customer   legal name                country  foreign  verification  risk  hits  FLOP",
                "--------  ---------  ------------------------  -------  -------  ------------  ----  ----  ----",
                "cloud-t   acct-acme  Acme Research Inc.        US       no       VERIFIED      LOW      0     0",
                "cloud-t   acct-zq    Zorblat Quantum Dynamics  CN       yes      VERIFIED      HIGH     1     0");
    }

    @Test
    @Order(4)
    void kycRefusalsSayWhatIsWrongAndHowToFixIt() throws Exception {
        // A customer record without its risk rating: the server names the JSON member.
        String record = customerRecord("acct-bad", "Bad Record Ltd", "GB", "LOW");
        Path noRisk = write("no-risk.json", record.replace(",\n \"riskRating\": \"LOW\"}", "}"));
        assertThat(Files.readString(noRisk)).doesNotContain("riskRating");
        assertThat(refused(as(providerKey, "kyc", "submit", noRisk.toString())))
                .isEqualTo("cgov: Invalid statement (HTTP 400): the customer record is invalid: riskRating is missing."
                        + " Add riskRating: \"LOW\", \"MEDIUM\" or \"HIGH\".\n");
        Path noAddressCountry = write("no-address-country.json",
                record.replace("\"city\": \"Example City\", \"country\": \"GB\"}", "\"city\": \"Example City\"}"));
        assertThat(refused(as(providerKey, "kyc", "submit", noAddressCountry.toString())))
                .isEqualTo("cgov: Invalid statement (HTTP 400): the customer record is invalid: address.country is missing."
                        + " Add country: an ISO 3166-1 alpha-2 code in upper case, e.g. \"DE\".\n");
        Path badCountry = write("bad-country.json", record.replace("\"country\": \"GB\",\n", "\"country\": \"gb\",\n"));
        assertThat(refused(as(providerKey, "kyc", "submit", badCountry.toString())))
                .isEqualTo("cgov: Invalid statement (HTTP 400): the customer record is invalid: country 'gb' is not in upper"
                        + " case. Write GB.\n");
        Path noId = write("no-id.json", record.replace("\"customerId\": \"acct-bad\",", ""));
        assertThat(refused(as(providerKey, "kyc", "submit", noId.toString())))
                .isEqualTo("cgov: Invalid statement (HTTP 400): the customer record is invalid: customerId is missing. Add"
                        + " customerId: the provider's account id, a string such as \"acct-17\".\n");
        // Not JSON at all: bad input (exit 2) with the place of the error, not a parser's exception.
        Path truncated = write("truncated.json", record.substring(0, 60));
        assertThat(refused(as(providerKey, "kyc", "submit", truncated.toString())))
                .startsWith("cgov: " + truncated + " is not valid JSON: ");
        assertThat(refused(as(providerKey, "kyc", "submit", dir.resolve("missing.json").toString())))
                .isEqualTo("cgov: Cannot read customer record file " + dir.resolve("missing.json")
                        + ": it does not exist. Give the path of an existing file.\n");

        // No --key: nothing is signed, and the message says how to get a key.
        assertThat(refused(anonymous("kyc", "submit", write("good.json", record).toString())))
                .isEqualTo("cgov: This command signs a statement and needs your key. Give --key FILE (a key named"
                        + " <actor>/<key>, e.g. from 'cgov keys generate --name acme/main').\n");
        // The wrong role: a developer cannot submit KYC records, nor read them.
        assertThat(refused(as(developerKey, "kyc", "submit", dir.resolve("good.json").toString())))
                .isEqualTo("cgov: Not allowed for this actor (HTTP 403): lab-t is not a compute-provider; customer"
                        + " statements need that role. Ask the regulator to register the role, or sign as the right actor.\n");
        assertThat(refused(as(developerKey, "kyc", "list")))
                .isEqualTo("cgov: Not allowed for this actor (HTTP 403): lab-t (developer) may not read customer records;"
                        + " that needs the role regulator or compute-provider. Sign with a key of an actor that has the role"
                        + " (cgov actor list shows the roles), or ask the regulator to register it.\n");
        // Reading customers needs a signed request.
        assertThat(refused(anonymous("kyc", "list")))
                .isEqualTo("cgov: Signed request required (HTTP 401): customer records is not public; sign the request"
                        + " (RFC 9421) with a registered key. Use cgov with --key, or sign with Signature-Input/Signature"
                        + " headers.\n");
        // Access events of a foreign customer need an IP address; of an unknown customer, a KYC record first.
        Path noIp = write("no-ip.json", "[{\"customerId\": \"acct-zq\", \"time\": \"2026-11-20T09:00:00Z\"}]");
        assertThat(refused(as(providerKey, "kyc", "access", noIp.toString())))
                .isEqualTo("cgov: Invalid statement (HTTP 400): access events rejected: Event 0 has no IP address, but"
                        + " customer 'acct-zq' is foreign (CN outside US). Give the IP address and time of every access by"
                        + " a foreign customer, as the provider logged them.\n");
        Path noIpNobody = write("no-ip-nobody.json", "[{\"customerId\": \"acct-nobody\", \"time\": \"2026-11-20T09:00:00Z\"}]");
        assertThat(refused(as(providerKey, "kyc", "access", noIpNobody.toString())))
                .isEqualTo("cgov: Not found (HTTP 404): customer acct-nobody of cloud-t has no KYC record. Submit the"
                        + " customer's record first (cgov kyc submit): identification comes before access.\n");
        assertThat(refused(as(providerKey, "kyc", "show", "acct-zq")))
                .isEqualTo("cgov: 'acct-zq' is not PROVIDER/CUSTOMER. e.g. cloud-a/acct-17\n");
        assertThat(refused(as(providerKey, "kyc", "show", "cloud-t/acct-nobody")))
                .isEqualTo("cgov: Not found (HTTP 404): no customer acct-nobody at cloud-t. cgov kyc submit registers one.\n");
    }

    @Test
    @Order(5)
    void theProviderReportsSlurmAccountingOnceAndAResubmissionAddsNothing() throws Exception {
        // A typed H100 job, a folded array of 4 tasks and a single task, a job CANCELLED by its user with its
        // .batch/.extern/.0 steps, a job on NVML-named GPUs; a pending array, a running job and a CPU-only job
        // make no records.
        Path sacct = write("sacct.txt", sacctLines("acct-zq", "4103946", "4103947", "4103960", "4103961", "4103970",
                "4103971", "4104010"));
        assertThat(Files.readString(sacct)).contains("|CANCELLED by 102216|", "4103947_[9-11,13]|", "4103961.batch|",
                "gres/gpu:nvidia_h100_80gb_hbm3=4");
        String first = ok(as(providerKey, "usage", "submit", "--sacct", sacct.toString()));
        assertThat(first).matches(accepted("usage") + "  accepted: 8\n  duplicates: 0\n  flop: [0-9.e]+\n"
                + "8 records: 8 new, 0 already reported\n");
        // Submitted again: every record known and unchanged, so no statement at all (issue 12), and exit 0.
        long logBefore = json(ok(as(regulatorKey, "registry", "stats", "--json"))).path("statements").asLong();
        assertThat(ok(as(providerKey, "usage", "submit", "--sacct", sacct.toString())))
                .isEqualTo("nothing new: 8 records, all reported before with the same values; no statement submitted\n");
        assertThat(json(ok(as(regulatorKey, "registry", "stats", "--json"))).path("statements").asLong()).isEqualTo(logBefore);
        // Split into batches of 3: the two batches of known records are skipped the same way.
        assertThat(ok(as(providerKey, "usage", "submit", "--sacct", sacct.toString(), "--batch", "3", "--json")))
                .contains("\"appended\" : false");

        // What was recorded: one record per array task, steps skipped, the account as the customer.
        JsonNode usage = json(ok(as(providerKey, "usage", "list", "--customer", "acct-zq", "--json")));
        assertThat(usage).hasSize(8);
        Set<String> jobs = new TreeSet<>();
        usage.forEach(r -> jobs.add(r.path("jobId").asText()));
        assertThat(jobs).containsExactly("4103946", "4103947_10", "4103947_11", "4103947_13", "4103947_8", "4103947_9",
                "4103961", "4104010");
        double chipHours = 0;
        for (JsonNode r : usage) {
            assertThat(r.path("provider").asText()).isEqualTo(PROVIDER);
            assertThat(r.path("customer").asText()).isEqualTo("acct-zq");
            assertThat(r.path("cluster").asText()).isEqualTo("sol");
            assertThat(r.path("chip").asText()).isEqualTo("NVIDIA H100 SXM5 80GB");
            chipHours += r.path("chipHours").asDouble();
        }
        // 32 × 12 h + 4 × 0.5 h + 0.75 h + 8 × 20 min + 4 × 0.5 h
        assertThat(chipHours).isCloseTo(384 + 2 + 0.75 + 8.0 / 3 + 2, within(1e-9));
        String table = ok(as(providerKey, "usage", "list", "--customer", "acct-zq"));
        assertThat(table.lines().toList()).hasSize(10);
        assertThat(table.lines().filter(l -> l.contains(" 4103961 ")).findFirst().orElseThrow())
                .matches("cloud-t +acct-zq +4103961 +NVIDIA H100 SXM5 80GB +8 +2025-03-03T11:22:00Z +2\\.67 +[0-9.]+e18");

        // A withdrawn record comes back when the file is submitted again.
        String cancelled = "";
        for (JsonNode r : usage) {
            if (r.path("jobId").asText().equals("4103961")) {
                cancelled = r.path("recordId").asText();
            }
        }
        Path withdraw = write("withdraw.json", "{\"withdraw\": [\"" + cancelled + "\"]}");
        assertThat(ok(as(providerKey, "usage", "correct", withdraw.toString())))
                .matches(accepted("usage-correction") + "  replaced: 0\n  withdrawn: 1\n");
        assertThat(json(ok(as(providerKey, "usage", "list", "--customer", "acct-zq", "--json")))).hasSize(7);
        assertThat(ok(as(providerKey, "usage", "submit", "--sacct", sacct.toString())))
                .endsWith("8 records: 1 new, 7 already reported\n");
        assertThat(refused(as(providerKey, "usage", "correct", dir.resolve("none.json").toString())))
                .isEqualTo("cgov: Cannot read correction file " + dir.resolve("none.json") + ": it does not exist. Give the"
                        + " path of an existing file.\n");
        Path unknown = write("withdraw-unknown.json", "{\"withdraw\": [\"" + "0".repeat(64) + "\"]}");
        assertThat(refused(as(providerKey, "usage", "correct", unknown.toString())))
                .isEqualTo("cgov: Not found (HTTP 404): usage record " + "0".repeat(64) + " of cloud-t is not in the"
                        + " registry. A correction changes reported records; report new ones with cgov usage submit.\n");

        // The same job reported again with other values is a conflict: corrections go through usage correct.
        Path changed = write("sacct-changed.txt", sacctLines("acct-zq", "4103946").replace("gres/gpu:h100=32,gres/gpu=32",
                "gres/gpu:h100=16,gres/gpu=16"));
        assertThat(refused(as(providerKey, "usage", "submit", "--sacct", changed.toString())))
                .matches("cgov: Record already reported differently \\(HTTP 409\\): 1 record\\(s\\) were reported before"
                        + " with other values: job 4103946 on cluster sol \\(record [0-9a-f]{64}\\)\\. Send a usage correction"
                        + " \\(cgov usage correct\\) to change a reported record, or leave these records out; nothing was"
                        + " stored\\.\n");

        // The customer's compute shows in the provider's customer list.
        assertThat(ok(as(providerKey, "kyc", "list")).lines().filter(l -> l.startsWith("cloud-t   acct-zq")).findFirst()
                .orElseThrow()).matches(".* HIGH +1 +4\\.\\d\\de20");
    }

    @Test
    @Order(6)
    void untypedGpusNeedTheClustersDefaultChip() throws Exception {
        Path untyped = write("untyped.txt", sacctLines("acct-zq", "4103981"));
        assertThat(Files.readString(untyped)).contains(",gres/gpu=2,").doesNotContain("gres/gpu:");
        assertThat(refused(as(providerKey, "usage", "submit", "--sacct", untyped.toString())))
                .isEqualTo("cgov: 1 problem in " + untyped + "; the whole batch was rejected and no record was accepted."
                        + " line 1, AllocTRES: 2 GPU(s) without a type (gres/gpu=2) on cluster 'sol', which has no default"
                        + " chip; give one: --default-chip sol=CHIP. Fix these and submit the whole batch again.\n");
        // The option the message names exists and works.
        assertThat(ok(as(providerKey, "usage", "submit", "--sacct", untyped.toString(), "--default-chip", "sol=A100")))
                .endsWith("1 records: 1 new, 0 already reported\n");
        assertThat(json(ok(as(providerKey, "usage", "list", "--customer", "acct-zq", "--json"))))
                .anySatisfy(r -> assertThat(r.path("jobId").asText() + " " + r.path("chip").asText())
                        .startsWith("4103981 NVIDIA A100"));
    }

    @Test
    @Order(7)
    void usageSubmitRefusalsExitTwo() throws Exception {
        Path sacct = dir.resolve("sacct.txt");
        Path records = write("empty.json", "[]");
        assertThat(refused(as(providerKey, "usage", "submit", "--sacct", sacct.toString(), "--records", records.toString())))
                .isEqualTo("cgov: Give exactly one of --sacct FILE and --records FILE. --records takes the JSON usage"
                        + " records that 'cgov usage parse-sacct --json' prints.\n");
        assertThat(refused(as(providerKey, "usage", "submit")))
                .startsWith("cgov: Give exactly one of --sacct FILE and --records FILE.");
        assertThat(refused(anonymous("usage", "submit", "--sacct", sacct.toString())))
                .isEqualTo("cgov: This command signs a statement and needs your key. Give --key FILE (a key named"
                        + " <actor>/<key>, e.g. from 'cgov keys generate --name acme/main').\n");
        // A developer is not a compute provider.
        assertThat(refused(as(developerKey, "usage", "submit", "--sacct", sacct.toString())))
                .isEqualTo("cgov: Not allowed for this actor (HTTP 403): lab-t is not a compute-provider; usage statements"
                        + " need that role. Ask the regulator to register the role, or sign as the right actor.\n");
        // Another provider's records.
        Path foreign = write("foreign.json", """
                [{"provider": "cloud-z", "cluster": "c1", "customer": "acct-1", "chip": "H100", "chipCount": 8,
                  "start": "2025-09-01T00:00:00Z", "end": "2025-09-01T01:00:00Z", "jobId": "z-1"}]
                """);
        assertThat(refused(as(providerKey, "usage", "submit", "--records", foreign.toString())))
                .isEqualTo("cgov: Record of job z-1 on cluster c1 names provider cloud-z, but your key speaks for cloud-t."
                        + " Report your own usage with your own key.\n");
        // A malformed sacct file is refused whole, with line numbers.
        Path malformed = SACCT_SAMPLES.resolve("malformed.txt");
        assertThat(refused(as(providerKey, "usage", "submit", "--sacct", malformed.toString())))
                .startsWith("cgov: 11 problems in " + malformed + "; the whole batch was rejected and no record was"
                        + " accepted. line 2: expected 26 fields separated by '|', found 6;")
                .contains("; line 4, State: 'COMPLETE' is not a job state sacct prints")
                .endsWith(" Fix these and submit the whole batch again.\n");
    }

    @Test
    @Order(8)
    void theDeveloperDeclaresARunAndUsageAttributedToItCountsTowardsTheThresholds() throws Exception {
        Path run = write("atlas-1.json", """
                {"runId": "atlas-1", "name": "Atlas 1 pre-training", "plannedFlop": 2e25, "dataDomain": "general",
                 "providers": ["cloud-t"]}
                """);
        assertThat(ok(as(developerKey, "runs", "declare", run.toString())))
                .matches(accepted("run") + "  run: lab-t/atlas-1\n");
        // The provider reports the run's compute as JSON usage records: 100,000 H100s for 60 h and 40 h.
        Path records = write("atlas-usage.json", """
                [{"provider": "cloud-t", "cluster": "us-east", "customer": "acct-acme", "chip": "H100", "chipCount": 100000,
                  "start": "2025-09-01T00:00:00Z", "end": "2025-09-03T12:00:00Z", "runId": "lab-t/atlas-1", "jobId": "k8s-1"},
                 {"provider": "cloud-t", "cluster": "us-east", "customer": "acct-acme", "chip": "H100", "chipCount": 100000,
                  "start": "2025-09-03T12:00:00Z", "end": "2025-09-05T04:00:00Z", "runId": "lab-t/atlas-1", "jobId": "k8s-2"}]
                """);
        String submitted = ok(as(providerKey, "usage", "submit", "--records", records.toString()));
        assertThat(submitted).matches("(?s)" + accepted("usage") + "  accepted: 2\n  duplicates: 0\n  flop: [0-9.e]+\n"
                + "(  (ALERT|CROSSED): .*\n)+2 records: 2 new, 0 already reported\n");
        // 6e24 FLOP at the end of the first job is 50% of the EU AI Act's 1e25; 1.07e25 at the end of the second
        // crosses it, which the submission says as plainly as the alerts.
        assertThat(submitted).contains("  CROSSED: customer cloud-t/acct-acme crossed EU-AIA-51 (1.00e25 FLOP) at 2025-09-0");
        assertThat(submitted).contains(
                "  ALERT: customer cloud-t/acct-acme reached 50% of EU-AIA-51 (1.00e25 FLOP) at 2025-09-03T12:00:00Z\n",
                "  ALERT: customer cloud-t/acct-acme reached 80% of EU-AIA-51 (1.00e25 FLOP) at 2025-09-05T04:00:00Z\n");
        // The provider hears of its own account's alerts only: the run's are the developer's to read.
        assertThat(submitted).doesNotContain("ALERT: run ");
        assertThat(ok(as(providerKey, "usage", "submit", "--records", records.toString())))
                .isEqualTo("nothing new: 2 records, all reported before with the same values; no statement submitted\n");

        // The developer sees its run, with its compute and the thresholds it crossed.
        String runs = ok(as(developerKey, "runs", "list"));
        assertThat(runs.lines().toList()).hasSize(3);
        assertThat(runs.lines().toList().get(0))
                .startsWith("run            planned FLOP     FLOP  cumulative  crossed (in force)");
        assertThat(runs.lines().toList().get(2)).matches("lab-t/atlas-1 +2\\.00e25 +1\\.07e25 +1\\.07e25"
                + " +EU-GPAI-guidelines-GPAI,EU-AIA-51 +US-CA-SB53-model \\(no recent usage\\)");
        JsonNode shown = json(ok(as(developerKey, "runs", "show", "lab-t/atlas-1", "--json")));
        assertThat(shown.path("developer").asText()).isEqualTo(DEVELOPER);
        assertThat(shown.path("runId").asText()).isEqualTo("atlas-1");
        assertThat(shown.path("plannedFlop").asDouble()).isEqualTo(2e25);
        assertThat(shown.path("usageRecords").asLong()).isEqualTo(2);
        assertThat(shown.path("flop").asDouble()).isCloseTo(1.07e25, within(0.01e25));
        assertThat(shown.path("findings")).anySatisfy(f -> {
            assertThat(f.path("regime").asText()).isEqualTo("EU-AIA-51");
            assertThat(f.path("verdict").asText()).isEqualTo("CROSSED");
            assertThat(f.path("inForce").asBoolean()).isTrue();
            assertThat(f.path("crossedAt").asText()).isEqualTo("2025-09-05T04:00:00Z");
        });
        assertThat(shown.path("obligations")).anySatisfy(o -> {
            assertThat(o.path("regime").asText()).isEqualTo("EU-AIA-51");
            assertThat(o.path("what").asText()).startsWith("Notify the European Commission");
            assertThat(o.path("dueBy").asText()).isEqualTo("2025-09-19"); // 14 days after the crossing
        });
        // The developer sees the usage attributed to its runs, and nothing else.
        JsonNode usage = json(ok(as(developerKey, "usage", "list", "--json")));
        assertThat(usage).hasSize(2);
        usage.forEach(r -> assertThat(r.path("runId").asText()).isEqualTo("lab-t/atlas-1"));

        // Refusals: a provider cannot declare runs or read them; a run names itself; a base run must exist.
        assertThat(refused(as(providerKey, "runs", "declare", run.toString())))
                .isEqualTo("cgov: Not allowed for this actor (HTTP 403): cloud-t is not a developer; run statements need"
                        + " that role. Ask the regulator to register the role, or sign as the right actor.\n");
        assertThat(refused(as(providerKey, "runs", "list")))
                .startsWith("cgov: Not allowed for this actor (HTTP 403): cloud-t (compute-provider) may not read training"
                        + " runs; that needs the role regulator or developer. Sign with a key of an actor that has the role");
        assertThat(refused(as(developerKey, "runs", "show", "lab-t/none")))
                .isEqualTo("cgov: Not found (HTTP 404): no run none of lab-t. cgov runs declare registers one.\n");
        Path typo = write("typo.json", "{\"runId\": \"atlas-2\", \"planned_flop\": 3e25, \"dataDomain\": \"general\"}");
        assertThat(refused(as(developerKey, "runs", "declare", typo.toString())))
                .startsWith("cgov: Invalid statement (HTTP 400): the run declaration is invalid: unknown member"
                        + " 'planned_flop'. A run declaration has only runId, name, plannedFlop,");
        Path badBase = write("bad-base.json",
                "{\"runId\": \"atlas-2\", \"baseRun\": \"lab-t/nope\", \"dataDomain\": \"general\"}");
        assertThat(refused(as(developerKey, "runs", "declare", badBase.toString())))
                .isEqualTo("cgov: Not found (HTTP 404): the base run lab-t/nope is not declared. Declare the base run first,"
                        + " or give baseModelFlop for a model trained elsewhere.\n");
        Path notJson = write("not-json.json", "{\"runId\": \"atlas-2\",");
        assertThat(refused(as(developerKey, "runs", "declare", notJson.toString())))
                .startsWith("cgov: " + notJson + " is not valid JSON: ");
    }

    @Test
    @Order(9)
    void theRegulatorSeesTheObligationsAndAlerts() throws Exception {
        String obligations = ok(as(regulatorKey, "obligations", "list"));
        assertThat(obligations.lines().toList().get(0)).matches("subject +regime +due by +obligation");
        assertThat(obligations.lines().toList())
                .anySatisfy(l -> assertThat(l).matches("run lab-t/atlas-1 +EU-AIA-51 +2025-09-19 +OVERDUE +Notify the European"
                        + " Commission that the threshold is met or will be met"))
                .anySatisfy(l -> assertThat(l).matches("run lab-t/atlas-1 +EU-AIA-51 +- +Ensure adequate cybersecurity for"
                        + " the model and its physical infrastructure"));
        // The regulator sees every subject that crossed: the run, the account it ran on, the account's owner.
        Set<String> subjects = new TreeSet<>();
        json(ok(as(regulatorKey, "obligations", "list", "--json")))
                .forEach(o -> subjects.add(o.path("subjectKind").asText() + " " + o.path("subject").asText()));
        assertThat(subjects).containsExactly("customer cloud-t/acct-acme", "owner name:acme holdings research|US",
                "run lab-t/atlas-1");
        // The developer sees its own run's obligations; the provider its customers' accounts'.
        assertThat(json(ok(as(developerKey, "obligations", "list", "--json"))))
                .isNotEmpty().allSatisfy(o -> assertThat(o.path("subjectKind").asText() + " " + o.path("subject").asText())
                        .isEqualTo("run lab-t/atlas-1"));
        assertThat(json(ok(as(providerKey, "obligations", "list", "--json"))))
                .isNotEmpty().allSatisfy(o -> assertThat(o.path("subjectKind").asText() + " " + o.path("subject").asText())
                        .isEqualTo("customer cloud-t/acct-acme"));

        String alerts = ok(as(regulatorKey, "obligations", "list", "--alerts"));
        assertThat(alerts.lines().toList().get(0)).matches("subject +regime +fraction +threshold +reached at");
        assertThat(alerts.lines().toList())
                .anySatisfy(l -> assertThat(l).matches("run lab-t/atlas-1 +EU-AIA-51 +50% +1\\.00e25 +2025-09-03T12:00:00Z"))
                .anySatisfy(l -> assertThat(l).matches("run lab-t/atlas-1 +EU-AIA-51 +80% +1\\.00e25 +2025-09-05T04:00:00Z"));

        String owners = ok(as(regulatorKey, "registry", "owners"));
        // Compute adds up per beneficial owner across its accounts.
        assertThat(owners.lines().toList())
                .anySatisfy(l -> assertThat(l).matches("name:acme holdings research\\|US +Acme Research Inc\\. Holdings"
                        + " +cloud-t/acct-acme +1\\.07e25 +EU-GPAI-guidelines-GPAI,EU-AIA-51"))
                .anySatisfy(l -> assertThat(l).matches("name:dynamics holdings quantum zorblat\\|CN +Zorblat Quantum Dynamics"
                        + " Holdings +cloud-t/acct-zq +4\\.\\d\\de20 *"));
        assertThat(refused(as(developerKey, "registry", "owners")))
                .startsWith("cgov: Not allowed for this actor (HTTP 403): lab-t (developer) may not read beneficial owners;"
                        + " that needs the role regulator. Sign with");

        // Public statistics: counts, no identities.
        JsonNode stats = json(ok(anonymous("registry", "stats", "--json")));
        assertThat(stats.path("customers").asLong()).isEqualTo(2);
        assertThat(stats.path("foreignCustomers").asLong()).isEqualTo(1);
        assertThat(stats.path("customersWithScreeningHits").asLong()).isEqualTo(1);
        assertThat(stats.path("screeningLists").asLong()).isEqualTo(1);
        assertThat(stats.path("runs").asLong()).isEqualTo(1);
        assertThat(stats.path("usageRecords").asLong()).isEqualTo(8 + 1 + 2);
        assertThat(stats.toString()).doesNotContain("acct-zq", "Zorblat", "atlas");
    }

    @Test
    @Order(10)
    void theLiveRegistryEqualsItsReplayFromTheLog() throws Exception {
        String replay = ok(as(regulatorKey, "registry", "replay"));
        assertThat(replay).matches("(?s)replayed (\\d+) log entries: \\1 statements applied, 0 refused, 0 other entries\n.*");
        assertThat(replay).endsWith("the live registry equals its replay from the log\n");
        Matcher rows = Pattern.compile("(?m)^(\\w+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)$").matcher(replay);
        List<String> tables = new ArrayList<>();
        while (rows.find()) {
            tables.add(rows.group(1));
            assertThat(rows.group(2)).as(rows.group(1)).isEqualTo(rows.group(3));
            assertThat(rows.group(4) + rows.group(5)).as(rows.group(1)).isEqualTo("00");
        }
        // Every table of the kernel and of each capability, by name (replay finds them in the schema, in order); the
        // server's own RegistryReplayTest checks the list against the schema itself.
        assertThat(tables).isSorted().doesNotHaveDuplicates().containsAll(List.of("access_event", "actor", "actor_key",
                "alert", "beneficial_owner", "chip_batch", "chip_transfer", "compute_hour", "cursor", "customer", "finding",
                "licence", "obligation", "root_key", "run", "screening_hit", "screening_list", "statement", "usage_record"));
        assertThat(refused(as(providerKey, "registry", "replay")))
                .startsWith("cgov: Not allowed for this actor (HTTP 403): cloud-t (compute-provider) may not read replay;"
                        + " that needs the role regulator. Sign with");
    }

    @Test
    @Order(11)
    void aNewKeySignsAndARevokedKeyNoLongerDoes() throws Exception {
        developerKey2 = dir.resolve("lab-t-2.key");
        String vkey2 = generateWithPlusInBase64(DEVELOPER + "/key-2", developerKey2);
        // The actor adds its own key (key rotation), signing with its current key.
        assertThat(ok(as(developerKey, "actor", "add-key", "--actor", DEVELOPER, "--vkey", vkey2)))
                .matches(accepted("key") + "  actor: lab-t\n  added: " + Pattern.quote(keyIdOf(vkey2)) + "\n");
        Path run2 = write("atlas-2.json",
                "{\"runId\": \"atlas-2\", \"baseRun\": \"lab-t/atlas-1\", \"dataDomain\": \"general\"}");
        // A fine-tune of atlas-1 (1.07e25 FLOP) is past the EU AI Act's 1e25 from its declaration, before any usage.
        assertThat(ok(as(developerKey2, "runs", "declare", run2.toString())))
                .matches("(?s)" + accepted("run") + "  run: lab-t/atlas-2\n.*")
                .contains("  CROSSED: run lab-t/atlas-2 crossed EU-AIA-51 (1.00e25 FLOP) at ");
        assertThat(json(ok(as(developerKey2, "runs", "list", "--json")))).hasSize(2);

        // Revoke the old key by its whole vkey, signing with the new one.
        assertThat(ok(as(developerKey2, "actor", "revoke-key", "--actor", DEVELOPER, "--key-id", developerVkey)))
                .matches(accepted("key") + "  actor: lab-t\n  revoked: " + Pattern.quote(keyIdOf(developerVkey)) + "\n");
        assertThat(ok(anonymous("actor", "list"))).contains(keyIdOf(developerVkey) + " (revoked) " + keyIdOf(vkey2) + "\n");

        // The revoked key signs nothing any more, neither statements nor reads.
        assertThat(refused(as(developerKey, "runs", "declare", run2.toString())))
                .isEqualTo("cgov: Unknown or revoked key (HTTP 401): key " + keyIdOf(developerVkey) + " of lab-t is revoked."
                        + " Sign with a key registered for your actor (cgov actor list shows the keys).\n");
        assertThat(refused(as(developerKey, "runs", "list")))
                .isEqualTo("cgov: Unknown or revoked key (HTTP 401): the request is signed by an unknown or revoked key:"
                        + " unknown signing key \"" + keyIdOf(developerVkey) + "\". Sign with a key registered for your actor"
                        + " (cgov actor list shows the keys).\n");
        assertThat(ok(as(developerKey2, "runs", "show", "lab-t/atlas-2", "--json"))).contains("\"baseRun\" : \"lab-t/atlas-1\"");

        // Revoking it again, or a key the actor does not have, is refused with a hint.
        assertThat(refused(as(developerKey2, "actor", "revoke-key", "--actor", DEVELOPER, "--key-id",
                keyIdOf(developerVkey))))
                .isEqualTo("cgov: Key already revoked (HTTP 409): key " + keyIdOf(developerVkey) + " is already revoked\n");
        assertThat(refused(as(regulatorKey, "actor", "revoke-key", "--actor", DEVELOPER, "--key-id", "lab-t/none+00000000")))
                .isEqualTo("cgov: Not found (HTTP 404): actor lab-t has no key lab-t/none+00000000. Name the key as"
                        + " name+hexid (cgov actor list shows them).\n");
        // Another actor cannot manage lab-t's keys.
        String vkey3 = generate(DEVELOPER + "/key-3", dir.resolve("lab-t-3.key"));
        assertThat(refused(as(providerKey, "actor", "add-key", "--actor", DEVELOPER, "--vkey", vkey3)))
                .isEqualTo("cgov: Not allowed for this actor (HTTP 403): cloud-t is not a regulator; key statements need"
                        + " that role. Ask the regulator to register the role, or sign as the right actor.\n");
    }

    @Test
    @Order(12)
    void unknownKeysAndUnreachableServersAreExplained() throws Exception {
        // A key that was generated but never registered.
        Path rogue = dir.resolve("rogue.key");
        generate(DEVELOPER + "/rogue", rogue);
        Path run = dir.resolve("atlas-1.json");
        assertThat(refused(as(rogue, "runs", "declare", run.toString())))
                .isEqualTo("cgov: Unknown or revoked key (HTTP 401): no signature names a registered key of lab-t."
                        + " Sign with a key registered for your actor (cgov actor list shows the keys).\n");
        Path stranger = dir.resolve("stranger.key");
        generate("stranger/main", stranger);
        assertThat(refused(as(stranger, "runs", "declare", run.toString())))
                .isEqualTo("cgov: Unknown or revoked key (HTTP 401): no signature names a registered key of stranger."
                        + " Sign with a key registered for your actor (cgov actor list shows the keys).\n");
        assertThat(refused(as(rogue, "runs", "list")))
                .matches("cgov: Unknown or revoked key \\(HTTP 401\\): the request is signed by an unknown or revoked key:"
                        + " unknown signing key \"lab-t/rogue\\+[0-9a-f]{8}\"\\. Sign with a key registered for your actor"
                        + " \\(cgov actor list shows the keys\\)\\.\n");
        // A key file that is not a key; a key not named <actor>/<key>.
        Path notAKey = write("not-a-key.txt", "hello\n");
        assertThat(refused(as(notAKey, "runs", "declare", run.toString())))
                .isEqualTo("cgov: File " + notAKey + " does not hold a signer key: signer key must start with"
                        + " PRIVATE+KEY+. Give a file written by 'cgov keys generate'.\n");
        Path unnamed = dir.resolve("unnamed.key");
        generate("unnamed", unnamed);
        assertThat(refused(as(unnamed, "runs", "declare", run.toString())))
                .isEqualTo("cgov: Key 'unnamed' is not named <actor>/<key>. Registry keys are named after their actor,"
                        + " e.g. 'cgov keys generate --name acme/main'.\n");

        // Nothing listening: exit 1, a plain message.
        String nowhere = "http://127.0.0.1:1";
        for (CliRun r : List.of(CliRun.of("actor", "list", "--url", nowhere),
                CliRun.of("runs", "declare", run.toString(), "--url", nowhere, "--key", developerKey2.toString()),
                CliRun.of("registry", "replay", "--url", nowhere, "--key", regulatorKey.toString()))) {
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEqualTo("cgov: cannot reach the registry at http://127.0.0.1:1 (is 'cgov serve' running?)\n");
        }
        assertThat(refused(CliRun.of("actor", "list", "--url", "ftp://localhost")))
                .isEqualTo("cgov: --url 'ftp://localhost' is not an http(s) URL with a host. Give the server's base URL,"
                        + " e.g. http://localhost:8080.\n");

        // After all the refusals above, the registry still equals its replay: nothing refused was logged.
        assertThat(ok(as(regulatorKey, "registry", "replay"))).endsWith("the live registry equals its replay from the log\n");
    }

    @Test
    @Order(13)
    void aTableAlteredOutsideTheRegistryMakesReplayExitOne() {
        // Someone with database access lowers the listed customer's risk rating behind the log's back.
        server.registry().store().get(h -> assertThat(h.execute(
                "UPDATE registry.customer SET risk_rating = 'LOW' WHERE provider = 'cloud-t' AND customer_id = 'acct-zq'"))
                .isEqualTo(1));
        CliRun replay = as(regulatorKey, "registry", "replay");
        assertThat(replay.exit()).as(replay.err()).isEqualTo(1);
        assertThat(replay.err()).isEmpty();
        assertThat(replay.out()).containsPattern("(?m)^customer +2 +2 +1 +1$").containsPattern("(?m)^run +2 +2 +0 +0$")
                .endsWith("DIFFERENT: the live tables are not what the log says; they were altered outside the registry\n");
    }
}
