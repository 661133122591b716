package org.computegov.registry.kyc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.computegov.knowledge.InvalidInputException;

/**
 * Customer records and access events as JSON: strict reading from bytes, deterministic writing. The format is in
 * the {@linkplain org.computegov.registry.kyc package comment}.
 *
 * <p>Reading stops at the first problem and throws an {@link InvalidInputException} whose field is the problem's
 * JSON path from the document's root ({@code beneficialOwners[1].country}, {@code [3].ipAddress}; empty for the
 * document as a whole) and whose hint says what would be right. Unknown members, duplicate members, missing
 * members, values of the wrong JSON type, and values the records refuse are problems. Writing puts members in the
 * documented order, leaves out null optional members and writes no insignificant white space, so the same record
 * always gives the same bytes (which is what a sealed payload's commitment needs). Safe to share between threads.
 */
public final class KycJson {
    /** The years of verification dates and access times the registry takes (as its kernel's Checks.time). */
    public static final int FIRST_YEAR = 1970;
    public static final int LAST_YEAR = 2199;
    /** The members of a customer record, in the order {@link #writeCustomer} puts them. */
    public static final List<String> CUSTOMER_MEMBERS = List.of("customerId", "customerType", "legalName", "aliases",
            "address", "country", "beneficialOwners", "paymentMeans", "email", "phone", "verification", "riskRating");
    public static final List<String> ADDRESS_MEMBERS = List.of("lines", "city", "postalCode", "country");
    public static final List<String> OWNER_MEMBERS = List.of("name", "country", "identifier", "ownershipPercent");
    public static final List<String> PAYMENT_MEMBERS = List.of("kind", "reference");
    public static final List<String> VERIFICATION_MEMBERS = List.of("method", "evidence", "date", "state");
    public static final List<String> EVENT_MEMBERS = List.of("customerId", "ipAddress", "time", "action");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Shares are read exactly: 33.3333333333333333 must not become the nearest double.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** What each member holds, for hints; a member name means the same wherever it occurs. */
    private static final Map<String, String> WHAT = Map.ofEntries(
            Map.entry("customerId", "the provider's account id, a string such as \"acct-17\""),
            Map.entry("customerType", "\"INDIVIDUAL\" or \"ORGANIZATION\""),
            Map.entry("legalName", "the full legal name, a string"),
            Map.entry("aliases", "an array of other names, e.g. [\"Mueller Holdings\"], or []"),
            Map.entry("address", "an object with lines, city, postalCode and country"),
            Map.entry("country", "an ISO 3166-1 alpha-2 code in upper case, e.g. \"DE\""),
            Map.entry("beneficialOwners", "an array of objects with name, country, identifier and ownershipPercent"
                    + " ([] for an individual that is its own owner)"),
            Map.entry("paymentMeans", "an array of objects with kind and reference, e.g. [{\"kind\": \"CARD\","
                    + " \"reference\": \"****4242\"}]"),
            Map.entry("email", "an e-mail address, e.g. \"kyc@example.com\""),
            Map.entry("phone", "an E.164 telephone number, e.g. \"+4930123456\""),
            Map.entry("verification", "an object with method, evidence, date and state"),
            Map.entry("riskRating", "\"LOW\", \"MEDIUM\" or \"HIGH\""),
            Map.entry("lines", "an array of address lines, e.g. [\"Hauptstraße 1\"]"),
            Map.entry("city", "the city, a string"),
            Map.entry("postalCode", "the postal code, a string, or null"),
            Map.entry("name", "the owner's full name, a string"),
            Map.entry("identifier", "SCHEME:VALUE, e.g. \"LEI:5493001KJTIIGC8Y1R12\", or null"),
            Map.entry("ownershipPercent", "a number more than 0 and at most 100, e.g. 25, or null"),
            Map.entry("kind", "\"CARD\", \"BANK_ACCOUNT\", \"WIRE\", \"CRYPTO\" or \"INVOICE\""),
            Map.entry("reference", "the masked number, a string such as \"****4242\""),
            Map.entry("method", "\"DOCUMENTARY\", \"NON_DOCUMENTARY\" or \"IN_PERSON\""),
            Map.entry("evidence", "what was seen, a string such as \"passport DE C01X00T47\""),
            Map.entry("date", "an ISO-8601 date string, e.g. \"2026-11-20\""),
            Map.entry("state", "\"PENDING\", \"VERIFIED\", \"FAILED\" or \"EXPIRED\""),
            Map.entry("ipAddress", "an IPv4 or IPv6 address string, e.g. \"192.0.2.17\", or null"),
            Map.entry("time", "an ISO-8601 time stamp with offset, e.g. \"2026-11-25T20:00:00Z\", or null"),
            Map.entry("action", "what was done, a string, or null"));

    private KycJson() {
    }

    // ---- customer records ------------------------------------------------------------------------------------

    /** Reads one customer record: a JSON object in UTF-8. */
    public static CustomerRecord readCustomer(byte[] json) throws InvalidInputException {
        JsonNode root = parse(json, "a customer record, a JSON object");
        return customer(object(root, "", "a customer record", CUSTOMER_MEMBERS), "");
    }

    /** One customer record as compact JSON in UTF-8, members in {@link #CUSTOMER_MEMBERS} order, and a newline. */
    public static byte[] writeCustomer(CustomerRecord record) {
        Objects.requireNonNull(record, "record");
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(out, toJson(record));
        out.write('\n');
        return out.toByteArray();
    }

    /** A customer record as a JSON object, members in {@link #CUSTOMER_MEMBERS} order. */
    public static ObjectNode toJson(CustomerRecord r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("customerId", r.customerId());
        o.put("customerType", r.customerType().name());
        o.put("legalName", r.legalName());
        ArrayNode aliases = o.putArray("aliases");
        r.aliases().forEach(aliases::add);
        ObjectNode address = o.putObject("address");
        ArrayNode lines = address.putArray("lines");
        r.address().lines().forEach(lines::add);
        address.put("city", r.address().city());
        putIfPresent(address, "postalCode", r.address().postalCode());
        address.put("country", r.address().country());
        o.put("country", r.country());
        ArrayNode owners = o.putArray("beneficialOwners");
        for (BeneficialOwner b : r.beneficialOwners()) {
            ObjectNode owner = owners.addObject();
            owner.put("name", b.name());
            owner.put("country", b.country());
            putIfPresent(owner, "identifier", b.identifier());
            if (b.ownershipPercent() != null) {
                owner.put("ownershipPercent", b.ownershipPercent());
            }
        }
        ArrayNode payments = o.putArray("paymentMeans");
        for (PaymentMeans p : r.paymentMeans()) {
            payments.addObject().put("kind", p.kind().name()).put("reference", p.reference());
        }
        o.put("email", r.email());
        o.put("phone", r.phone());
        Verification v = r.verification();
        o.putObject("verification").put("method", v.method().name()).put("evidence", v.evidence())
                .put("date", v.date().toString()).put("state", v.state().name());
        o.put("riskRating", r.riskRating().name());
        return o;
    }

    private static CustomerRecord customer(JsonNode o, String path) throws InvalidInputException {
        try {
            String customerId = Rules.text("customerId", string(o, path, "customerId"));
            CustomerType type = enumValue(o, path, "customerType", CustomerType.class);
            String legalName = Rules.text("legalName", string(o, path, "legalName"));
            JsonNode aliasArray = array(o, path, "aliases");
            List<String> aliases = new ArrayList<>(aliasArray.size());
            for (int i = 0; i < aliasArray.size(); i++) {
                String field = Paths.element("aliases", i);
                aliases.add(Rules.text(field, stringValue(aliasArray.get(i), Paths.join(path, field), "aliases")));
            }
            Address address = address(object(required(o, path, "address"), Paths.join(path, "address"),
                    "an address", ADDRESS_MEMBERS), Paths.join(path, "address"));
            String country = Rules.country("country", string(o, path, "country"));
            JsonNode ownerArray = array(o, path, "beneficialOwners");
            List<BeneficialOwner> owners = new ArrayList<>(ownerArray.size());
            for (int i = 0; i < ownerArray.size(); i++) {
                String at = Paths.join(path, Paths.element("beneficialOwners", i));
                owners.add(owner(object(ownerArray.get(i), at, "a beneficial owner", OWNER_MEMBERS), at));
            }
            JsonNode paymentArray = array(o, path, "paymentMeans");
            List<PaymentMeans> payments = new ArrayList<>(paymentArray.size());
            for (int i = 0; i < paymentArray.size(); i++) {
                String at = Paths.join(path, Paths.element("paymentMeans", i));
                payments.add(payment(object(paymentArray.get(i), at, "a means of payment", PAYMENT_MEMBERS), at));
            }
            String email = Rules.email("email", string(o, path, "email"));
            String phone = Rules.phone("phone", string(o, path, "phone"));
            String vPath = Paths.join(path, "verification");
            Verification verification = verification(object(required(o, path, "verification"), vPath,
                    "a verification", VERIFICATION_MEMBERS), vPath);
            RiskRating risk = enumValue(o, path, "riskRating", RiskRating.class);
            return new CustomerRecord(customerId, type, legalName, aliases, address, country, owners, payments, email,
                    phone, verification, risk);
        } catch (InvalidFieldException e) {
            throw e.at(path);
        }
    }

    private static Address address(JsonNode o, String path) throws InvalidInputException {
        try {
            JsonNode lineArray = array(o, path, "lines");
            List<String> lines = new ArrayList<>(lineArray.size());
            for (int i = 0; i < lineArray.size(); i++) {
                String field = Paths.element("lines", i);
                lines.add(Rules.text(field, stringValue(lineArray.get(i), Paths.join(path, field), "lines")));
            }
            String city = Rules.text("city", string(o, path, "city"));
            String postalCode = Rules.optionalText("postalCode", optionalString(o, path, "postalCode"));
            String country = Rules.country("country", string(o, path, "country"));
            return new Address(lines, city, postalCode, country);
        } catch (InvalidFieldException e) {
            throw e.at(path);
        }
    }

    private static BeneficialOwner owner(JsonNode o, String path) throws InvalidInputException {
        try {
            String name = Rules.text("name", string(o, path, "name"));
            String country = Rules.country("country", string(o, path, "country"));
            String identifier = optionalString(o, path, "identifier");
            BigDecimal percent = null;
            JsonNode share = o.get("ownershipPercent");
            if (share != null && !share.isNull()) {
                if (!share.isNumber()) {
                    throw wrongType(Paths.join(path, "ownershipPercent"), "a number", share, "ownershipPercent");
                }
                percent = share.decimalValue();
            }
            return new BeneficialOwner(name, country, identifier, percent);
        } catch (InvalidFieldException e) {
            throw e.at(path);
        }
    }

    private static PaymentMeans payment(JsonNode o, String path) throws InvalidInputException {
        try {
            return new PaymentMeans(enumValue(o, path, "kind", PaymentMeans.Kind.class), string(o, path, "reference"));
        } catch (InvalidFieldException e) {
            throw e.at(path);
        }
    }

    private static Verification verification(JsonNode o, String path) throws InvalidInputException {
        try {
            Verification.Method method = enumValue(o, path, "method", Verification.Method.class);
            String evidence = Rules.text("evidence", string(o, path, "evidence"));
            String date = string(o, path, "date");
            LocalDate day;
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(Paths.join(path, "date"), Paths.join(path, "date") + " '" + date
                        + "' is not an ISO-8601 date.", "Write the day as YYYY-MM-DD, e.g. 2026-11-20.");
            }
            if (day.getYear() < FIRST_YEAR || day.getYear() > LAST_YEAR) {
                // Not a day anyone verified a customer on; and a far year would wrap in java.sql.Date (stored wrong).
                throw new InvalidInputException(Paths.join(path, "date"), Paths.join(path, "date") + " '" + date
                        + "' is outside the years " + FIRST_YEAR + "-" + LAST_YEAR + " the registry takes.",
                        "Write the day of the verification as YYYY-MM-DD, e.g. 2026-11-20.");
            }
            Verification.State state = enumValue(o, path, "state", Verification.State.class);
            return new Verification(method, evidence, day, state);
        } catch (InvalidFieldException e) {
            throw e.at(path);
        }
    }

    // ---- access events ---------------------------------------------------------------------------------------

    /** Reads access events: a JSON array of event objects in UTF-8 (may be empty). */
    public static List<AccessEvent> readAccessEvents(byte[] json) throws InvalidInputException {
        JsonNode root = parse(json, "access events, a JSON array of objects");
        if (!root.isArray()) {
            throw new InvalidInputException("", "Access events must be a JSON array, found " + describe(root) + ".",
                    "Put the events in an array: [{\"customerId\": …, \"ipAddress\": …, \"time\": …}].");
        }
        List<AccessEvent> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            String path = Paths.element("", i);
            events.add(event(object(root.get(i), path, "an access event", EVENT_MEMBERS), path));
        }
        return List.copyOf(events);
    }

    /**
     * Access events as a JSON array in UTF-8: one compact event object per line, members in {@link #EVENT_MEMBERS}
     * order, null members left out, times in UTC; {@code []} and a newline when there are none.
     */
    public static byte[] writeAccessEvents(List<AccessEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 128 + 4);
        out.write('[');
        for (int i = 0; i < events.size(); i++) {
            out.writeBytes(i == 0 ? new byte[] {'\n'} : new byte[] {',', '\n'});
            write(out, toJson(events.get(i)));
        }
        out.writeBytes(events.isEmpty() ? new byte[] {']', '\n'} : new byte[] {'\n', ']', '\n'});
        return out.toByteArray();
    }

    /** An access event as a JSON object, members in {@link #EVENT_MEMBERS} order, null members left out. */
    public static ObjectNode toJson(AccessEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("customerId", e.customerId());
        putIfPresent(o, "ipAddress", e.ipAddress());
        if (e.time() != null) {
            o.put("time", e.time().toString());
        }
        putIfPresent(o, "action", e.action());
        return o;
    }

    private static AccessEvent event(JsonNode o, String path) throws InvalidInputException {
        try {
            String customerId = Rules.text("customerId", string(o, path, "customerId"));
            String ip = optionalString(o, path, "ipAddress");
            String time = optionalString(o, path, "time");
            Instant at = null;
            if (time != null) {
                try {
                    at = OffsetDateTime.parse(time).toInstant();
                } catch (DateTimeParseException e) {
                    throw new InvalidInputException(Paths.join(path, "time"), Paths.join(path, "time") + " '" + time
                            + "' is not an ISO-8601 time stamp with an offset.",
                            "Write e.g. 2026-11-25T20:00:00Z or 2026-11-25T21:00:00+01:00.");
                }
                if (at.isBefore(Instant.parse("1970-01-01T00:00:00Z")) || !at.isBefore(Instant.parse("2200-01-01T00:00:00Z"))) {
                    throw new InvalidInputException(Paths.join(path, "time"), Paths.join(path, "time") + " '" + time
                            + "' is outside the years " + FIRST_YEAR + "-" + LAST_YEAR + " the registry takes.",
                            "Write e.g. 2026-11-25T20:00:00Z.");
                }
            }
            return new AccessEvent(customerId, ip, at, optionalString(o, path, "action"));
        } catch (InvalidFieldException e) {
            throw e.at(path);
        }
    }

    // ---- reading helpers -------------------------------------------------------------------------------------

    private static JsonNode parse(byte[] json, String expected) throws InvalidInputException {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String path = e.getProcessor() instanceof JsonParser p ? pathOf(p.getParsingContext()) : "";
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() <= 0 ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")";
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate");
            throw new InvalidInputException(path, "The input is not valid JSON: " + e.getOriginalMessage() + where
                    + ".", duplicate ? "Give each member once." : "Expected " + expected + "; check the syntax"
                    + " there, e.g. with jq.", e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException("", "The input is empty.", "Expected " + expected + ".");
        }
        // Control characters are refused field by field below; a lone surrogate would be stored as '?'.
        String unstorable = org.computegov.registry.statement.StoredText.firstLoneSurrogate(root, "");
        if (unstorable != null) {
            throw new InvalidInputException(unstorable, unstorable + " holds a lone UTF-16 surrogate, which cannot"
                    + " be stored as given.", "Send well-formed Unicode text.");
        }
        return root;
    }

    /** The path of a parser's position: {@code beneficialOwners[1].country}. */
    private static String pathOf(JsonStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add(0, c.getCurrentName());
            }
        }
        String path = "";
        for (String part : parts) path = Paths.join(path, part);
        return path;
    }

    /** Checks that {@code node} is an object with no member outside {@code members}. */
    private static JsonNode object(JsonNode node, String path, String what, List<String> members)
            throws InvalidInputException {
        if (!node.isObject()) {
            throw new InvalidInputException(path, (path.isEmpty() ? "The document" : path) + " must be " + what
                    + ", a JSON object; found " + describe(node) + ".", "Give an object with the members "
                    + String.join(", ", members) + ".");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                String field = Paths.join(path, name);
                String near = members.stream().filter(m -> m.equalsIgnoreCase(name.replace("_", ""))).findFirst()
                        .map(m -> "Did you mean " + m + "? ").orElse("");
                throw new InvalidInputException(field, field + " is not a member of " + what + ".", near + "The"
                        + " members are " + String.join(", ", members) + ".");
            }
        }
        return node;
    }

    private static JsonNode required(JsonNode o, String path, String member) throws InvalidInputException {
        JsonNode value = o.get(member);
        if (value == null || value.isNull()) {
            String field = Paths.join(path, member);
            throw new InvalidInputException(field, field + (value == null ? " is missing." : " is null."), "Add "
                    + member + ": " + WHAT.get(member) + ".");
        }
        return value;
    }

    private static String string(JsonNode o, String path, String member) throws InvalidInputException {
        return stringValue(required(o, path, member), Paths.join(path, member), member);
    }

    private static String optionalString(JsonNode o, String path, String member) throws InvalidInputException {
        JsonNode value = o.get(member);
        return value == null || value.isNull() ? null : stringValue(value, Paths.join(path, member), member);
    }

    private static String stringValue(JsonNode value, String field, String member) throws InvalidInputException {
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, field + " is null.", "Give " + WHAT.get(member) + ".");
        }
        if (!value.isTextual()) {
            throw wrongType(field, "a string", value, member);
        }
        return value.textValue();
    }

    private static JsonNode array(JsonNode o, String path, String member) throws InvalidInputException {
        JsonNode value = required(o, path, member);
        if (!value.isArray()) {
            throw wrongType(Paths.join(path, member), "an array", value, member);
        }
        return value;
    }

    private static <E extends Enum<E>> E enumValue(JsonNode o, String path, String member, Class<E> type)
            throws InvalidInputException {
        String text = string(o, path, member);
        String field = Paths.join(path, member);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) return e;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(text.strip().replace('-', '_').replace(' ', '_'))) {
                throw new InvalidInputException(field, field + " '" + text + "' is not one of the values.",
                        "Write " + e.name() + ".");
            }
        }
        throw new InvalidInputException(field, field + " '" + text + "' is not one of the values.", "Use "
                + WHAT.get(member) + ".");
    }

    private static InvalidInputException wrongType(String field, String type, JsonNode value, String member) {
        return new InvalidInputException(field, field + " must be " + type + ", found " + describe(value) + ".",
                "Give " + WHAT.get(member) + ".");
    }

    private static String describe(JsonNode node) {
        String kind = switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
        if (node.isContainerNode() || node.isNull()) return kind;
        String text = node.toString();
        return kind + " (" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + ")";
    }

    // ---- writing helpers -------------------------------------------------------------------------------------

    private static void putIfPresent(ObjectNode o, String member, String value) {
        if (value != null) o.put(member, value);
    }

    private static void write(ByteArrayOutputStream out, JsonNode node) {
        try {
            out.writeBytes(MAPPER.writeValueAsBytes(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a tree of strings and numbers cannot fail", e);
        }
    }
}
