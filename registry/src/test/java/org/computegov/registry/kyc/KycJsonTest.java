package org.computegov.registry.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KycJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ORGANIZATION_JSON = "{\"customerId\":\"acct-17\",\"customerType\":\"ORGANIZATION\","
            + "\"legalName\":\"Müller Holdings GmbH\",\"aliases\":[\"Mueller Holdings\"],\"address\":{\"lines\":"
            + "[\"Hauptstraße 1\",\"3. OG\"],\"city\":\"Berlin\",\"postalCode\":\"10115\",\"country\":\"DE\"},"
            + "\"country\":\"DE\",\"beneficialOwners\":[{\"name\":\"Anna Müller\",\"country\":\"DE\",\"identifier\":"
            + "\"DE-PASSPORT:C01X00T47\",\"ownershipPercent\":60},{\"name\":\"Nordwind Capital\",\"country\":\"LU\","
            + "\"identifier\":\"LEI:5493001KJTIIGC8Y1R12\"}],\"paymentMeans\":[{\"kind\":\"CARD\",\"reference\":"
            + "\"****4242\"},{\"kind\":\"BANK_ACCOUNT\",\"reference\":\"DE89****3000\"}],\"email\":"
            + "\"kyc@mueller-holdings.example\",\"phone\":\"+4930123456\",\"verification\":{\"method\":"
            + "\"DOCUMENTARY\",\"evidence\":\"Handelsregister HRB 12345 B, extract of 2026-11-02\",\"date\":"
            + "\"2026-11-20\",\"state\":\"VERIFIED\"},\"riskRating\":\"LOW\"}\n";

    // ---- writing and round trips -----------------------------------------------------------------------------

    @Test
    void aRecordIsWrittenAsDocumented() {
        assertThat(new String(KycJson.writeCustomer(Customers.organization()), StandardCharsets.UTF_8))
                .isEqualTo(ORGANIZATION_JSON);
    }

    @Test
    void nullOptionalMembersAreLeftOut() {
        String json = new String(KycJson.writeCustomer(Customers.individual()), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("postalCode").doesNotContain("null").contains("\"beneficialOwners\":[]");
    }

    @Test
    void validRecordsRoundTripByteIdentically() throws Exception {
        for (CustomerRecord r : List.of(Customers.organization(), Customers.individual())) {
            byte[] written = KycJson.writeCustomer(r);
            CustomerRecord back = KycJson.readCustomer(written);
            assertThat(back).isEqualTo(r);
            assertThat(KycJson.writeCustomer(back)).isEqualTo(written);
        }
    }

    @Test
    void aLoneSurrogateIsRefusedNotStoredAsAQuestionMark() throws Exception {
        String json = new String(KycJson.writeCustomer(Customers.organization()), StandardCharsets.UTF_8)
                .replace("Müller Holdings GmbH", "M\\ud800ller Holdings GmbH");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KycJson.readCustomer(bytes(json)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("legalName"));
    }

    @Test
    void theDocumentedExampleReads() throws Exception {
        String example = """
                {"customerId": "acct-17",
                 "customerType": "ORGANIZATION",
                 "legalName": "Müller Holdings GmbH",
                 "aliases": ["Mueller Holdings"],
                 "address": {"lines": ["Hauptstraße 1", "3. OG"], "city": "Berlin", "postalCode": "10115", "country": "DE"},
                 "country": "DE",
                 "beneficialOwners": [
                   {"name": "Anna Müller", "country": "DE", "identifier": "DE-PASSPORT:C01X00T47", "ownershipPercent": 60},
                   {"name": "Nordwind Capital", "country": "LU", "identifier": "LEI:5493001KJTIIGC8Y1R12"}],
                 "paymentMeans": [{"kind": "CARD", "reference": "****4242"}, {"kind": "BANK_ACCOUNT", "reference": "DE89****3000"}],
                 "email": "kyc@mueller-holdings.example",
                 "phone": "+4930123456",
                 "verification": {"method": "DOCUMENTARY", "evidence": "Handelsregister HRB 12345 B, extract of 2026-11-02",
                                  "date": "2026-11-20", "state": "VERIFIED"},
                 "riskRating": "LOW"}
                """;
        assertThat(KycJson.readCustomer(bytes(example))).isEqualTo(Customers.organization());
    }

    @Test
    void nullOptionalMembersReadAsAbsentOnes() throws Exception {
        ObjectNode tree = KycJson.toJson(Customers.individual());
        ((ObjectNode) tree.get("address")).putNull("postalCode");
        assertThat(KycJson.readCustomer(MAPPER.writeValueAsBytes(tree))).isEqualTo(Customers.individual());
    }

    @Test
    void sharesAreReadExactlyAndWrittenWithoutTrailingZeros() throws Exception {
        ObjectNode tree = KycJson.toJson(Customers.organization());
        ((ObjectNode) tree.at("/beneficialOwners/0")).put("ownershipPercent", new java.math.BigDecimal("33.333333"));
        ((ObjectNode) tree.at("/beneficialOwners/1")).put("ownershipPercent", new java.math.BigDecimal("40.50"));
        CustomerRecord r = KycJson.readCustomer(MAPPER.writeValueAsBytes(tree));
        assertThat(r.beneficialOwners().get(0).ownershipPercent()).hasToString("33.333333");
        String written = new String(KycJson.writeCustomer(r), StandardCharsets.UTF_8);
        assertThat(written).contains("\"ownershipPercent\":33.333333}").contains("\"ownershipPercent\":40.5}");
        ((ObjectNode) tree.at("/beneficialOwners/0")).put("ownershipPercent", new java.math.BigDecimal("1E+2"));
        assertThat(new String(KycJson.writeCustomer(KycJson.readCustomer(MAPPER.writeValueAsBytes(tree))),
                StandardCharsets.UTF_8)).contains("\"ownershipPercent\":100}");
    }

    @Test
    void aByteOrderMarkAndWhiteSpaceAroundTheDocumentAreAccepted() throws Exception {
        byte[] json = KycJson.writeCustomer(Customers.individual());
        byte[] withBom = new byte[json.length + 5];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        withBom[3] = ' ';
        System.arraycopy(json, 0, withBom, 4, json.length);
        withBom[withBom.length - 1] = '\n';
        assertThat(KycJson.readCustomer(withBom)).isEqualTo(Customers.individual());
    }

    // ---- every rule, failing -------------------------------------------------------------------------------

    static Stream<Arguments> badCustomers() {
        String longText = "x".repeat(257);
        return Stream.of(
                arguments(remove("/customerId"), "customerId", "customerId is missing."),
                arguments(set("/customerId", null), "customerId", "customerId is null."),
                arguments(set("/customerId", "   "), "customerId", "customerId is blank."),
                arguments(set("/customerId", ""), "customerId", "customerId is missing."),
                arguments(set("/customerId", longText), "customerId", "customerId is longer than 256 characters (257)."),
                arguments(set("/customerId", "acct\t17"), "customerId",
                        "customerId contains a control character (U+0009) at position 4."),
                arguments(set("/customerId", " acct-17"), "customerId", "customerId has white space at its start or end."),
                arguments(set("/customerId", 17), "customerId", "customerId must be a string, found a number (17)."),
                arguments(set("/customerType", "COMPANY"), "customerType",
                        "customerType 'COMPANY' is not one of the values."),
                arguments(remove("/legalName"), "legalName", "legalName is missing."),
                arguments(set("/legalName", "Müller\nHoldings"), "legalName",
                        "legalName contains a control character (U+000A) at position 6."),
                arguments(remove("/aliases"), "aliases", "aliases is missing."),
                arguments(set("/aliases", "Mueller"), "aliases", "aliases must be an array, found a string (\"Mueller\")."),
                arguments(set("/aliases", json("[\"ok\", \" \"]")), "aliases[1]", "aliases[1] is blank."),
                arguments(set("/aliases", json("[\"ok\", 5]")), "aliases[1]", "aliases[1] must be a string, found a number (5)."),
                arguments(remove("/address"), "address", "address is missing."),
                arguments(set("/address", "Hauptstraße 1, Berlin"), "address",
                        "address must be an address, a JSON object; found a string (\"Hauptstraße 1, Berlin\")."),
                arguments(set("/address/lines", json("[]")), "address.lines", "address.lines is empty."),
                arguments(set("/address/lines/1", "3.\u0000OG"), "address.lines[1]",
                        "address.lines[1] contains a control character (U+0000) at position 2."),
                arguments(remove("/address/city"), "address.city", "address.city is missing."),
                arguments(set("/address/postalCode", "10115 "), "address.postalCode",
                        "address.postalCode has white space at its start or end."),
                arguments(set("/address/country", "Germany"), "address.country",
                        "address.country 'Germany' is not an ISO 3166-1 alpha-2 country code."),
                arguments(set("/address/street", "Hauptstraße"), "address.street",
                        "address.street is not a member of an address."),
                arguments(set("/country", "de"), "country", "country 'de' is not in upper case."),
                arguments(set("/country", "ZZ"), "country", "country 'ZZ' is not an ISO 3166-1 alpha-2 country code."),
                arguments(set("/country", "XK"), "country", "country 'XK' is not an ISO 3166-1 alpha-2 country code."),
                arguments(set("/country", "DEU"), "country", "country 'DEU' is not an ISO 3166-1 alpha-2 country code."),
                arguments(set("/beneficialOwners", json("[]")), "beneficialOwners",
                        "beneficialOwners is empty for an organization."),
                arguments(set("/beneficialOwners/1/country", "Luxembourg"), "beneficialOwners[1].country",
                        "beneficialOwners[1].country 'Luxembourg' is not an ISO 3166-1 alpha-2 country code."),
                arguments(remove("/beneficialOwners/0/name"), "beneficialOwners[0].name",
                        "beneficialOwners[0].name is missing."),
                arguments(set("/beneficialOwners/1", "Nordwind Capital"), "beneficialOwners[1]",
                        "beneficialOwners[1] must be a beneficial owner, a JSON object; found a string (\"Nordwind Capital\")."),
                arguments(set("/beneficialOwners/0/identifier", "C01X00T47"), "beneficialOwners[0].identifier",
                        "beneficialOwners[0].identifier 'C01X00T47' is not of the form SCHEME:VALUE."),
                arguments(set("/beneficialOwners/0/identifier", "DE-PASSPORT:C01X00T47;"), "beneficialOwners[0].identifier",
                        "beneficialOwners[0].identifier 'DE-PASSPORT:C01X00T47;' is not of the form SCHEME:VALUE."),
                arguments(set("/beneficialOwners/0/identifier", "X:" + "1".repeat(63)), "beneficialOwners[0].identifier",
                        "beneficialOwners[0].identifier is longer than 64 characters."),
                arguments(set("/beneficialOwners/1/identifier", "LEI:5493001KJTIIGC8Y1R13"), "beneficialOwners[1].identifier",
                        "beneficialOwners[1].identifier '5493001KJTIIGC8Y1R13' is not a valid LEI."),
                arguments(set("/beneficialOwners/1/identifier", "Name:Nordwind"), "beneficialOwners[1].identifier",
                        "beneficialOwners[1].identifier uses the reserved scheme 'name'."),
                arguments(set("/beneficialOwners/0/ownershipPercent", 0), "beneficialOwners[0].ownershipPercent",
                        "beneficialOwners[0].ownershipPercent must be more than 0 and at most 100, got 0."),
                arguments(set("/beneficialOwners/0/ownershipPercent", json("100.5")), "beneficialOwners[0].ownershipPercent",
                        "beneficialOwners[0].ownershipPercent must be more than 0 and at most 100, got 100.5."),
                arguments(set("/beneficialOwners/0/ownershipPercent", json("-1")), "beneficialOwners[0].ownershipPercent",
                        "beneficialOwners[0].ownershipPercent must be more than 0 and at most 100, got -1."),
                arguments(set("/beneficialOwners/0/ownershipPercent", json("12.3456789")),
                        "beneficialOwners[0].ownershipPercent",
                        "beneficialOwners[0].ownershipPercent has more than 6 decimals."),
                arguments(set("/beneficialOwners/0/ownershipPercent", "60"), "beneficialOwners[0].ownershipPercent",
                        "beneficialOwners[0].ownershipPercent must be a number, found a string (\"60\")."),
                arguments(set("/beneficialOwners/0/share", 60), "beneficialOwners[0].share",
                        "beneficialOwners[0].share is not a member of a beneficial owner."),
                arguments(set("/paymentMeans", json("[]")), "paymentMeans", "paymentMeans is empty."),
                arguments(set("/paymentMeans/0/kind", "VISA"), "paymentMeans[0].kind",
                        "paymentMeans[0].kind 'VISA' is not one of the values."),
                arguments(set("/paymentMeans/0/reference", "4242424242424242"), "paymentMeans[0].reference",
                        "paymentMeans[0].reference is not masked (16 letters or digits shown, no '*')."),
                arguments(set("/paymentMeans/0/reference", "42424242****4242"), "paymentMeans[0].reference",
                        "paymentMeans[0].reference is not masked (12 letters or digits shown)."),
                arguments(set("/paymentMeans/0/reference", "*".repeat(65)), "paymentMeans[0].reference",
                        "paymentMeans[0].reference is longer than 64 characters."),
                arguments(remove("/paymentMeans/1/reference"), "paymentMeans[1].reference",
                        "paymentMeans[1].reference is missing."),
                arguments(set("/email", "kyc.mueller-holdings.example"), "email",
                        "email 'kyc.mueller-holdings.example' is not an e-mail address."),
                arguments(set("/email", "kyc@localhost"), "email", "email 'kyc@localhost' is not an e-mail address."),
                arguments(set("/email", "k..yc@example.com"), "email", "email 'k..yc@example.com' is not an e-mail address."),
                arguments(set("/email", "kyc@-example.com"), "email", "email 'kyc@-example.com' is not an e-mail address."),
                arguments(set("/email", "a@b@example.com"), "email", "email 'a@b@example.com' is not an e-mail address."),
                arguments(set("/email", "k yc@example.com"), "email", "email 'k yc@example.com' is not an e-mail address."),
                arguments(set("/email", "k".repeat(65) + "@example.com"), "email",
                        "email is too long for an e-mail address (local part at most 64 characters, the whole at most 254)."),
                arguments(set("/phone", "+49 30 123456"), "phone", "phone '+49 30 123456' is not an E.164 telephone number."),
                arguments(set("/phone", "004930123456"), "phone", "phone '004930123456' is not an E.164 telephone number."),
                arguments(set("/phone", "+0930123456"), "phone", "phone '+0930123456' is not an E.164 telephone number."),
                arguments(set("/phone", "+1234567"), "phone", "phone '+1234567' is not an E.164 telephone number."),
                arguments(set("/phone", "+1234567890123456"), "phone",
                        "phone '+1234567890123456' is not an E.164 telephone number."),
                arguments(set("/verification/method", "SELFIE"), "verification.method",
                        "verification.method 'SELFIE' is not one of the values."),
                arguments(remove("/verification/evidence"), "verification.evidence", "verification.evidence is missing."),
                arguments(set("/verification/date", "20.11.2026"), "verification.date",
                        "verification.date '20.11.2026' is not an ISO-8601 date."),
                arguments(set("/verification/date", "2026-02-30"), "verification.date",
                        "verification.date '2026-02-30' is not an ISO-8601 date."),
                arguments(remove("/verification/state"), "verification.state", "verification.state is missing."),
                arguments(remove("/verification"), "verification", "verification is missing."),
                arguments(set("/riskRating", "VERY_HIGH"), "riskRating", "riskRating 'VERY_HIGH' is not one of the values."),
                arguments(set("/customer_id", "acct-17"), "customer_id", "customer_id is not a member of a customer record."));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badCustomers")
    void everyRuleNamesItsFieldPath(Consumer<ObjectNode> change, String field, String message) throws Exception {
        ObjectNode tree = KycJson.toJson(Customers.organization());
        change.accept(tree);
        assertThatThrownBy(() -> KycJson.readCustomer(MAPPER.writeValueAsBytes(tree)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.hint()).isNotBlank().endsWith(".");
                });
    }

    @Test
    void hintsSayHowToFixIt() {
        assertThat(problem(set("/address/country", "Germany")).hint())
                .isEqualTo("Use DE, the ISO 3166-1 alpha-2 code of 'Germany'.");
        assertThat(problem(set("/country", "de")).hint()).isEqualTo("Write DE.");
        assertThat(problem(set("/country", "ZZ")).hint())
                .isEqualTo("Use an ISO 3166-1 alpha-2 code in upper case, e.g. US, DE or CN.");
        assertThat(problem(set("/customerType", "organization")).hint()).isEqualTo("Write ORGANIZATION.");
        assertThat(problem(set("/customerType", "COMPANY")).hint())
                .isEqualTo("Use \"INDIVIDUAL\" or \"ORGANIZATION\".");
        assertThat(problem(set("/customer_id", "x")).hint()).startsWith("Did you mean customerId? The members are"
                + " customerId, customerType,");
        assertThat(problem(remove("/phone")).hint())
                .isEqualTo("Add phone: an E.164 telephone number, e.g. \"+4930123456\".");
        assertThat(problem(set("/phone", "+49 (30) 123456")).hint())
                .isEqualTo("Write it without spaces or punctuation: +4930123456.");
        assertThat(problem(set("/beneficialOwners/1/identifier", "LEI:5493001KJTIIGC8Y1R13")).hint())
                .contains("search.gleif.org");
        assertThat(problem(set("/paymentMeans/0/reference", "4242424242424242")).hint())
                .contains("first six and the last four");
        assertThat(problem(set("/customerId", " acct-17")).hint()).isEqualTo("Remove it: 'acct-17'.");
    }

    @Test
    void anIndividualNeedsNoOwnersButAnOrganizationDoes() throws Exception {
        ObjectNode tree = KycJson.toJson(Customers.organization());
        tree.set("beneficialOwners", json("[]"));
        tree.put("customerType", "INDIVIDUAL");
        assertThat(KycJson.readCustomer(MAPPER.writeValueAsBytes(tree)).owners()).hasSize(1);
    }

    @Test
    void aDuplicateMemberIsRefused() {
        String json = ORGANIZATION_JSON.replace("\"country\":\"DE\",\"beneficialOwners\"",
                "\"country\":\"DE\",\"country\":\"CN\",\"beneficialOwners\"");
        assertThatThrownBy(() -> KycJson.readCustomer(bytes(json)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("country");
                    assertThat(e.getMessage()).startsWith("The input is not valid JSON: Duplicate field 'country'");
                    assertThat(e.hint()).isEqualTo("Give each member once.");
                });
    }

    @Test
    void aSyntaxErrorNamesWhereItIs() {
        String json = ORGANIZATION_JSON.replace("\"LU\",", "\"LU\",,");
        assertThatThrownBy(() -> KycJson.readCustomer(bytes(json)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("beneficialOwners[1].country");
                    assertThat(e.getMessage()).startsWith("The input is not valid JSON: ").contains("(line 1, column");
                });
    }

    @Test
    void theDocumentMustBeOneObject() {
        assertThat(problem("")).satisfies(e -> {
            assertThat(e.field()).isEmpty();
            assertThat(e.getMessage()).isEqualTo("The input is empty.");
        });
        assertThat(problem("[]").getMessage())
                .isEqualTo("The document must be a customer record, a JSON object; found an array.");
        assertThat(problem("null").getMessage())
                .isEqualTo("The document must be a customer record, a JSON object; found null.");
        assertThat(problem(ORGANIZATION_JSON + "{}").getMessage()).startsWith("The input is not valid JSON: Trailing");
        assertThat(problem("{\"customerId\": \"a\"").getMessage()).startsWith("The input is not valid JSON: ");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] latin1 = ORGANIZATION_JSON.getBytes(StandardCharsets.ISO_8859_1); // "ü" as the single byte 0xFC
        assertThatThrownBy(() -> KycJson.readCustomer(latin1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("UTF-8");
    }

    // ---- access events ---------------------------------------------------------------------------------------

    @Test
    void accessEventsRoundTripByteIdentically() throws Exception {
        List<AccessEvent> events = List.of(
                new AccessEvent("acct-17", "192.0.2.17", Instant.parse("2026-11-25T20:00:00Z"), "console login"),
                new AccessEvent("acct-17", "2001:db8::17", Instant.parse("2026-11-25T20:03:12.500Z"), null),
                new AccessEvent("acct-17", null, null, null));
        byte[] written = KycJson.writeAccessEvents(events);
        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("""
                [
                {"customerId":"acct-17","ipAddress":"192.0.2.17","time":"2026-11-25T20:00:00Z","action":"console login"},
                {"customerId":"acct-17","ipAddress":"2001:db8::17","time":"2026-11-25T20:03:12.500Z"},
                {"customerId":"acct-17"}
                ]
                """);
        assertThat(KycJson.readAccessEvents(written)).isEqualTo(events);
        assertThat(KycJson.writeAccessEvents(KycJson.readAccessEvents(written))).isEqualTo(written);
        assertThat(KycJson.writeAccessEvents(List.of())).isEqualTo(bytes("[]\n"));
        assertThat(KycJson.readAccessEvents(bytes("[]"))).isEmpty();
    }

    @Test
    void theDocumentedAccessEventsRead() throws Exception {
        List<AccessEvent> events = KycJson.readAccessEvents(bytes("""
                [{"customerId": "acct-17", "ipAddress": "192.0.2.17", "time": "2026-11-25T20:00:00Z", "action": "console login"},
                 {"customerId": "acct-17", "ipAddress": "2001:db8::17", "time": "2026-11-25T21:03:12.5+01:00"}]
                """));
        assertThat(events.get(1).time()).isEqualTo(Instant.parse("2026-11-25T20:03:12.500Z"));
    }

    static Stream<Arguments> badEvents() {
        return Stream.of(
                arguments("{}", "", "Access events must be a JSON array, found an object."),
                arguments("[{}]", "[0].customerId", "[0].customerId is missing."),
                arguments("[{\"customerId\": \"a\"}, 7]", "[1]",
                        "[1] must be an access event, a JSON object; found a number (7)."),
                arguments("[{\"customerId\": \"a\", \"ipAddress\": \"999.0.0.1\"}]", "[0].ipAddress",
                        "[0].ipAddress '999.0.0.1' is not an IPv4 or IPv6 address literal."),
                arguments("[{\"customerId\": \"a\", \"ipAddress\": \"localhost\"}]", "[0].ipAddress",
                        "[0].ipAddress 'localhost' is not an IPv4 or IPv6 address literal."),
                arguments("[{\"customerId\": \"a\", \"ipAddress\": \"[2001:db8::1]\"}]", "[0].ipAddress",
                        "[0].ipAddress '[2001:db8::1]' is not an IPv4 or IPv6 address literal."),
                arguments("[{\"customerId\": \"a\", \"ipAddress\": 3232235777}]", "[0].ipAddress",
                        "[0].ipAddress must be a string, found a number (3232235777)."),
                arguments("[{\"customerId\": \"a\"}, {\"customerId\": \"a\", \"time\": \"yesterday\"}]", "[1].time",
                        "[1].time 'yesterday' is not an ISO-8601 time stamp with an offset."),
                arguments("[{\"customerId\": \"a\", \"time\": \"2026-11-25T20:00:00\"}]", "[0].time",
                        "[0].time '2026-11-25T20:00:00' is not an ISO-8601 time stamp with an offset."),
                arguments("[{\"customerId\": \"a\", \"action\": \"" + "x".repeat(257) + "\"}]", "[0].action",
                        "[0].action is longer than 256 characters (257)."),
                arguments("[{\"customerId\": \"a\", \"ip\": \"192.0.2.1\"}]", "[0].ip",
                        "[0].ip is not a member of an access event."));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("badEvents")
    void badAccessEventsNameTheirPath(String json, String field, String message) {
        assertThatThrownBy(() -> KycJson.readAccessEvents(bytes(json)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.hint()).isNotBlank();
                });
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static InvalidInputException problem(Consumer<ObjectNode> change) {
        ObjectNode tree = KycJson.toJson(Customers.organization());
        change.accept(tree);
        try {
            return problem(MAPPER.writeValueAsString(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static InvalidInputException problem(String json) {
        try {
            KycJson.readCustomer(bytes(json));
        } catch (InvalidInputException e) {
            return e;
        }
        throw new AssertionError("read without a problem: " + json);
    }

    /** Sets the member or element at a JSON pointer to a string, number, JSON tree or null. */
    private static Consumer<ObjectNode> set(String pointer, Object value) {
        return tree -> {
            JsonPointer p = JsonPointer.compile(pointer);
            JsonNode parent = tree.at(p.head());
            JsonNode node = value instanceof JsonNode n ? n : MAPPER.valueToTree(value);
            if (parent instanceof ObjectNode o) {
                o.set(p.last().getMatchingProperty(), node);
            } else {
                ((ArrayNode) parent).set(p.last().getMatchingIndex(), node);
            }
        };
    }

    private static Consumer<ObjectNode> remove(String pointer) {
        return tree -> {
            JsonPointer p = JsonPointer.compile(pointer);
            ((ObjectNode) tree.at(p.head())).remove(p.last().getMatchingProperty());
        };
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
