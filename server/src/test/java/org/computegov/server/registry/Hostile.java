package org.computegov.server.registry;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.computegov.ledger.dsse.Dsse;
import org.computegov.ledger.dsse.Ed25519DsseSigner;
import org.computegov.ledger.dsse.Envelope;
import org.computegov.ledger.intoto.Statement;
import org.computegov.registry.statement.Sealed;
import org.computegov.registry.statement.StatementWriter;
import org.computegov.registry.statement.Submission;
import org.computegov.server.registry.RegistryHarness.TestActor;

/**
 * Hostile values and one-field mutations of valid registry statements, re-signed by their signer so that the registry
 * has to judge the content (not the signature). Values a JSON tree cannot hold (lone surrogates as escapes, overflowing
 * numbers, invalid UTF-8, deep nesting) are written as raw tokens into the serialized bytes.
 */
final class Hostile {
    /** Non-ASCII characters (lone surrogates included) are written as {@code \\uXXXX} escapes, the bytes stay ASCII. */
    private static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Tokens no JSON tree holds, spliced in where a string {@code "~~raw<i>~~"} stands. */
    static final List<byte[]> RAW = List.of(ascii("1e999"), ascii("-1e999"), ascii("NaN"), ascii("Infinity"),
            ascii("-Infinity"), ascii("1e-999"), ascii("-0"), ascii("1" + "0".repeat(400)), ascii("0x10"), ascii("01"),
            new byte[] {'"', (byte) 0xC0, (byte) 0x80, '"'}, new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'},
            new byte[] {'"', 'a', (byte) 0xFF, '"'}, ascii("[".repeat(5000) + "]".repeat(5000)), ascii("\"\\ud800\""),
            ascii("\"\\udc00x\""), ascii("\"a\\u0000b\""));

    private Hostile() {}

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A hostile JSON value: extreme dates and numbers, NUL, lone surrogates, huge sizes, wrong types. */
    static Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> strings = Arbitraries.of("+999999999-12-31", "+584556075-11-20", "-999999999-01-01",
                "0000-00-00", "2026-02-30", "1969-12-31", "2200-01-01", "+10000-01-01T00:00:00Z", "2026-01-15T25:00:00Z",
                "1969-12-31T23:59:59Z", "+584556075-11-20T00:00:00Z", "NaN", "Infinity", "-Infinity", "1e308", "-1e308",
                "1e999", "9223372036854775808", "-1", "0", "", " ", "\u0000", "a\u0000b", "\uD800", "x\uDC00",
                "\uD83D\uDE00", "\u202Eevil", "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "%00",
                "null", "true", "[]", "{}", "ZZ", "us", "H100\u0000", "A".repeat(256))
                .map(s -> (JsonNode) F.textNode(s));
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(
                Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1, -1L, 0L, 2147483648L)
                        .map(F::numberNode),
                Arbitraries.of(Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e308, -0.0, 0.5, 1e24, 1e300)
                        .map(F::numberNode),
                Arbitraries.of(new BigInteger("9".repeat(60)), new BigInteger("-" + "9".repeat(60)))
                        .map(F::numberNode),
                Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-1e-400")).map(F::numberNode),
                Arbitraries.longs().map(F::numberNode));
        Arbitrary<JsonNode> types = Arbitraries.of(F.nullNode(), F.booleanNode(true), F.booleanNode(false), F.arrayNode(),
                F.objectNode(), F.arrayNode().add("x").add(1), F.objectNode().put("x", 1));
        Arbitrary<JsonNode> sizes = Arbitraries.of(1000, 70_000, 1_100_000).map(n -> (JsonNode) F.textNode("x".repeat(n)));
        Arbitrary<JsonNode> raw = Arbitraries.integers().between(0, RAW.size() - 1)
                .map(i -> (JsonNode) F.textNode("~~raw" + i + "~~"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, strings), net.jqwik.api.Tuple.of(3, numbers), net.jqwik.api.Tuple.of(2, types),
                net.jqwik.api.Tuple.of(1, sizes), net.jqwik.api.Tuple.of(3, raw));
    }

    enum Op { REPLACE, REMOVE, ADD_UNKNOWN, WRAP_IN_ARRAY, MUTATE_ATTACHMENT }

    /** Where and how to mutate: which field (by position among all fields), which operation, which value. */
    record Mutation(int where, Op op, JsonNode value, boolean inPayload) {
        @Override
        public String toString() {
            String v = value.toString();
            return op + (inPayload ? " in payload" : " in predicate") + " #" + where + " with "
                    + (v.length() > 80 ? v.substring(0, 80) + "…(" + v.length() + " chars)" : v);
        }
    }

    static Arbitrary<Mutation> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.of(Op.class), values(),
                Arbitraries.of(true, true, false)).as(Mutation::new);
    }

    /** One place in a JSON tree: a member of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {}

    private static void slots(JsonNode node, List<Slot> out, boolean skipSealed) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                if (skipSealed && f.equals("sealed")) {
                    return;
                }
                out.add(new Slot(node, f, -1));
                slots(node.get(f), out, false);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(new Slot(node, null, i));
                slots(node.get(i), out, false);
            }
        }
    }

    /**
     * The statement with the mutation applied and signed again by {@code by}: a mutated sealed payload gets a new
     * commitment (so that only its content is wrong), a mutated attachment a new subject digest.
     */
    static Submission apply(Submission base, Mutation m, TestActor by) throws Exception {
        ObjectNode statement = (ObjectNode) JSON.readTree(Envelope.parse(base.envelope()).payload());
        ObjectNode predicate = (ObjectNode) statement.get("predicate");
        JsonNode payload = base.sealed() == null ? null : JSON.readTree(base.sealed().payload());
        byte[] attachment = base.attachment();
        boolean onPayload = m.inPayload() && payload != null;
        if (m.op() == Op.MUTATE_ATTACHMENT && attachment != null) {
            attachment = mutateBytes(attachment, m.where());
            digest(statement, StatementWriter.sha256(attachment));
        } else {
            JsonNode root = onPayload ? payload : predicate;
            List<Slot> slots = new ArrayList<>();
            slots(root, slots, !onPayload);
            if (!slots.isEmpty()) {
                Slot s = slots.get(m.where() % slots.size());
                mutate(s, m);
            }
        }
        Sealed sealed = base.sealed();
        if (onPayload) {
            byte[] bytes = bytes(payload);
            sealed = Sealed.seal(bytes, RANDOM);
            predicate.with("sealed").put("sha256", sealed.commitment()).put("size", bytes.length);
            digest(statement, sealed.commitment());
        }
        byte[] envelope = Dsse.sign(Statement.PAYLOAD_TYPE, bytes(statement),
                List.of(new Ed25519DsseSigner(by.keyId(), by.key().privateKey()))).toJson();
        return new Submission(envelope, sealed, attachment);
    }

    private static void digest(ObjectNode statement, String sha256) {
        ((ObjectNode) statement.get("subject").get(0).get("digest")).put("sha256", sha256);
    }

    private static void mutate(Slot s, Mutation m) {
        JsonNode current = s.field() != null ? s.parent().get(s.field()) : s.parent().get(s.index());
        JsonNode replacement = switch (m.op()) {
            case REPLACE, MUTATE_ATTACHMENT -> m.value();
            case WRAP_IN_ARRAY -> F.arrayNode().add(current);
            case ADD_UNKNOWN, REMOVE -> null;
        };
        if (s.field() != null) {
            ObjectNode o = (ObjectNode) s.parent();
            switch (m.op()) {
                case REMOVE -> o.remove(s.field());
                case ADD_UNKNOWN -> o.set("hostile" + m.where(), m.value());
                default -> o.set(s.field(), replacement);
            }
        } else {
            ArrayNode a = (ArrayNode) s.parent();
            switch (m.op()) {
                case REMOVE -> a.remove(s.index());
                case ADD_UNKNOWN -> a.add(m.value());
                default -> a.set(s.index(), replacement);
            }
        }
    }

    /** Flips, cuts or inserts at a position derived from {@code where}: a damaged file, not a random one. */
    static byte[] mutateBytes(byte[] in, int where) {
        if (in.length == 0) {
            return new byte[] {'"'};
        }
        int at = where % in.length;
        return switch (where % 4) {
            case 0 -> {
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << (where % 8));
                yield out;
            }
            case 1 -> Arrays.copyOf(in, at);
            case 2 -> splice(in, at, new byte[] {'"'});
            default -> splice(in, at, new byte[] {0, (byte) 0xFF, '\n', ','});
        };
    }

    private static byte[] splice(byte[] in, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
        out.write(in, 0, at);
        out.writeBytes(insert);
        out.write(in, at, in.length - at);
        return out.toByteArray();
    }

    /** ASCII JSON with the raw tokens spliced in. */
    static byte[] bytes(JsonNode n) throws Exception {
        byte[] text = ASCII.writeValueAsBytes(n);
        for (int i = 0; i < RAW.size(); i++) {
            text = replace(text, ascii("\"~~raw" + i + "~~\""), RAW.get(i));
        }
        return text;
    }

    private static byte[] replace(byte[] in, byte[] what, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            if (i + what.length <= in.length && Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
                out.writeBytes(with);
                i += what.length;
            } else {
                out.write(in[i++]);
            }
        }
        return out.toByteArray();
    }
}
