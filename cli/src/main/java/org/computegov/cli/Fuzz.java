package org.computegov.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.computegov.knowledge.InvalidInputException;
import org.computegov.knowledge.hardware.HardwareCatalog;
import org.computegov.deployment.oms.ModelException;
import org.computegov.deployment.oms.OmsPayload;
import org.computegov.deployment.oms.OmsSignature;
import org.computegov.ledger.FormatException;
import org.computegov.ledger.bundle.Bundle;
import org.computegov.ledger.checkpoint.Checkpoint;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.httpsig.HttpRequestView;
import org.computegov.ledger.httpsig.SignatureHeaders;
import org.computegov.ledger.intoto.Statement;
import org.computegov.ledger.keys.SignerKey;
import org.computegov.ledger.note.Note;
import org.computegov.ledger.tiles.EntryBundle;
import org.computegov.registry.kyc.KycJson;
import org.computegov.registry.runs.RunJson;
import org.computegov.registry.screening.ListFormatException;
import org.computegov.registry.screening.ScreeningLists;
import org.computegov.registry.usage.SacctOptions;
import org.computegov.registry.usage.SacctParser;
import org.computegov.registry.usage.UsageJson;

/**
 * Mutation fuzzing of the parsers that take outside bytes: each target has valid samples and the exception it
 * documents for bad input; a mutated sample that makes it throw anything else is a finding. Mutations are byte-level
 * damage a file or a hostile sender produces: flipped bits, cuts, hostile tokens spliced in, slices repeated.
 */
final class Fuzz {
    /** A parser under test: reads the bytes; throwing its documented exception is a refusal, not a finding. */
    interface Parser {
        void parse(byte[] input) throws Exception;
    }

    record Target(String name, List<byte[]> samples, Parser parser, List<Class<? extends Exception>> documented) {}

    record Finding(String target, String exception, byte[] input) {}

    private static final List<byte[]> TOKENS = List.of(ascii("\""), ascii("\\"), ascii("\\u0000"), ascii("\\ud800"),
            new byte[] {0}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0x80}, ascii("\n"), ascii("\r\n"),
            ascii("|"), ascii(","), ascii("{"), ascii("["), ascii("1e999"), ascii("-9223372036854775809"),
            ascii("99999999999999999999"), ascii("+999999999-12-31"), ascii("NaN"), ascii("=?"), ascii("%zz"),
            ascii("[".repeat(3000)), ascii("\u2014 "), ascii(";"), ascii("=:"), ascii(":"), ascii("()"));

    private Fuzz() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** One damaged copy of {@code in}: one to three mutations. */
    static byte[] mutate(byte[] in, Random r) {
        byte[] b = in;
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            b = switch (r.nextInt(6)) {
                case 0 -> {
                    byte[] c = b.clone();
                    if (c.length > 0) {
                        c[Math.min(at, c.length - 1)] ^= (byte) (1 << r.nextInt(8));
                    }
                    yield c;
                }
                case 1 -> Arrays.copyOf(b, at);
                case 2 -> splice(b, at, 0, TOKENS.get(r.nextInt(TOKENS.size())));
                case 3 -> splice(b, at, Math.min(b.length - at, 1 + r.nextInt(8)), TOKENS.get(r.nextInt(TOKENS.size())));
                case 4 -> {
                    int len = Math.min(b.length - at, 1 + r.nextInt(64));
                    byte[] slice = Arrays.copyOfRange(b, at, at + len);
                    yield splice(b, at, 0, repeat(slice, 1 + r.nextInt(200)));
                }
                default -> splice(b, at, 0, new byte[] {(byte) r.nextInt(256)});
            };
        }
        return b;
    }

    private static byte[] repeat(byte[] s, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length * times);
        for (int i = 0; i < times; i++) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, at);
        out.writeBytes(insert);
        out.write(in, at + remove, in.length - at - remove);
        return out.toByteArray();
    }

    /** Runs one input; a finding when the parser throws other than it documents (errors such as StackOverflow too). */
    static Finding run(Target t, byte[] input) {
        try {
            t.parser().parse(input);
            return null;
        } catch (Throwable e) {
            for (Class<? extends Exception> ok : t.documented()) {
                if (ok.isInstance(e)) {
                    return null;
                }
            }
            return new Finding(t.name(), e.getClass().getName() + ": " + e.getMessage(), input);
        }
    }

    static List<Target> targets() throws Exception {
        Map<String, Target> t = new LinkedHashMap<>();
        SignerKey key = SignerKey.generate("fuzz/main");
        byte[] statement = ascii("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"x\",\"digest\":"
                + "{\"sha256\":\"" + "0".repeat(64) + "\"}}],\"predicateType\":\"https://computegov.org/attestation/test/v1\","
                + "\"predicate\":{\"n\":1}}");
        byte[] envelope = Dsse.sign(Statement.PAYLOAD_TYPE, statement,
                List.of(new Ed25519DsseSigner("fuzz", key.privateKey()))).toJson();
        add(t, "dsse-envelope", List.of(envelope), b -> Envelope.parse(b), FormatException.class);
        add(t, "in-toto-statement", List.of(statement), b -> Statement.parse(b), FormatException.class);
        byte[] checkpoint = ascii("computegov.local/log\n5\n" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        byte[] note = ascii(new String(checkpoint, StandardCharsets.UTF_8) + "\n\u2014 computegov.local/log "
                + java.util.Base64.getEncoder().encodeToString(new byte[68]) + "\n");
        add(t, "signed-note", List.of(note), b -> Note.parse(b), FormatException.class);
        add(t, "checkpoint", List.of(checkpoint), b -> Checkpoint.parse(new String(b, StandardCharsets.UTF_8)),
                FormatException.class);
        add(t, "entry-bundle", List.of(new byte[] {0, 3, 'a', 'b', 'c', 0, 1, 'x'}), b -> EntryBundle.decode(b),
                FormatException.class);
        SacctParser sacct = new SacctParser(HardwareCatalog.builtIn(), SacctOptions.of("fuzz", ZoneOffset.UTC));
        add(t, "sacct", List.of(resource("sacct.txt")), b -> sacct.parse(new String(b, StandardCharsets.UTF_8)));
        add(t, "csl", List.of(resource("csl.csv")), b -> ScreeningLists.loadCsl(b, "fuzz"), ListFormatException.class);
        byte[] sdn = resource("ofac_sdn.csv");
        byte[] alt = resource("ofac_alt.csv");
        byte[] addr = resource("ofac_add.csv");
        add(t, "ofac-sdn", List.of(sdn), b -> ScreeningLists.loadOfac(b, alt, addr, "sdn", "alt", "add", "fuzz"),
                ListFormatException.class);
        add(t, "ofac-alt", List.of(alt), b -> ScreeningLists.loadOfac(sdn, b, addr, "sdn", "alt", "add", "fuzz"),
                ListFormatException.class);
        byte[] kyc = ascii("{\"customerId\":\"c-1\",\"customerType\":\"ORGANIZATION\",\"legalName\":\"Example Ltd\",\"aliases\":[],"
                + "\"address\":{\"lines\":[\"1 Example Street\"],\"city\":\"Example City\",\"postalCode\":\"12345\",\"country\":\"US\"},"
                + "\"country\":\"US\",\"beneficialOwners\":[{\"name\":\"Owner\",\"country\":\"US\"}],"
                + "\"paymentMeans\":[{\"kind\":\"CARD\",\"reference\":\"****4242\"}],\"email\":\"kyc@c.example\","
                + "\"phone\":\"+15555550100\",\"verification\":{\"method\":\"DOCUMENTARY\",\"evidence\":\"extract\","
                + "\"date\":\"2026-01-15\",\"state\":\"VERIFIED\"},\"riskRating\":\"LOW\"}");
        add(t, "kyc-json", List.of(kyc), b -> KycJson.readCustomer(b), InvalidInputException.class);
        add(t, "access-json", List.of(ascii("[{\"customerId\":\"c-1\",\"ipAddress\":\"192.0.2.1\",\"time\":\"2026-01-15T10:00:00Z\","
                + "\"action\":\"login\"}]")), b -> KycJson.readAccessEvents(b), InvalidInputException.class);
        UsageJson usage = new UsageJson(HardwareCatalog.builtIn());
        add(t, "usage-json", List.of(ascii("[{\"provider\":\"p\",\"cluster\":\"c1\",\"customer\":\"c-1\",\"chip\":\"H100\","
                + "\"chipCount\":8,\"start\":\"2026-01-15T00:00:00Z\",\"end\":\"2026-01-15T02:00:00Z\",\"jobId\":\"j-1\"}]")),
                b -> usage.read(new String(b, StandardCharsets.UTF_8)));
        add(t, "run-json", List.of(ascii("{\"runId\":\"r-1\",\"name\":\"Run\",\"plannedFlop\":1e24,\"dataDomain\":\"general\"}")),
                b -> RunJson.read(b), InvalidInputException.class);
        String input = "sig1=(\"@method\" \"@target-uri\");created=1764900000;keyid=\"fuzz+abcd\";alg=\"ed25519\"";
        String sig = "sig1=:" + java.util.Base64.getEncoder().encodeToString(new byte[64]) + ":";
        add(t, "http-signature-input", List.of(ascii(input)), b -> headers(new String(b, StandardCharsets.UTF_8), sig),
                FormatException.class);
        add(t, "http-signature", List.of(ascii(sig)), b -> headers(input, new String(b, StandardCharsets.UTF_8)),
                FormatException.class);
        // OMS v1.0 signature files as NVIDIA NGC and Kaggle publish them (the OMS project's golden model.sig):
        // the Sigstore bundle, its DSSE envelope and the in-toto manifest inside, signature aside.
        add(t, "oms-signature", List.of(resource("oms-model.sig")),
                b -> OmsPayload.parse(OmsSignature.envelope(b).payload()), ModelException.class);
        // Offline-verifiable bundles (licences, authorizations) as a provider receives them.
        byte[] bundle = new Bundle(envelope, note, 3, 5, List.of(new byte[32], new byte[32]), java.util.Optional.of(envelope))
                .toJson();
        add(t, "bundle", List.of(bundle), b -> Bundle.parse(b), FormatException.class);
        return List.copyOf(t.values());
    }

    private static void headers(String input, String signature) throws FormatException {
        HttpRequestView v = HttpRequestView.of("GET", "http://localhost/api/v1/registry/customers",
                Map.of("signature-input", List.of(input), "signature", List.of(signature)));
        var h = SignatureHeaders.in(v);
        if (h.isPresent()) {
            h.get().signatures();
        }
    }

    @SafeVarargs
    private static void add(Map<String, Target> t, String name, List<byte[]> samples, Parser p,
            Class<? extends Exception>... documented) {
        t.put(name, new Target(name, samples, p, List.of(documented)));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Fuzz.class.getResourceAsStream("/fuzz/" + name)) {
            if (in == null) {
                throw new IOException("fuzz sample " + name + " missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    /** Counts per target of one fuzzing run. */
    record Tally(String target, long cases, List<Finding> findings) {}

    static List<Tally> fuzz(List<Target> targets, long seed, long nanosPerTarget, long maxCases) {
        List<Tally> out = new ArrayList<>();
        Random r = new Random(seed);
        for (Target t : targets) {
            long cases = 0;
            List<Finding> findings = new ArrayList<>();
            long end = System.nanoTime() + nanosPerTarget;
            while (cases < maxCases && System.nanoTime() < end) {
                byte[] sample = t.samples().get(r.nextInt(t.samples().size()));
                Finding f = run(t, mutate(sample, r));
                cases++;
                if (f != null && findings.size() < 20) {
                    findings.add(f);
                }
            }
            out.add(new Tally(t.name(), cases, findings));
        }
        return out;
    }
}
