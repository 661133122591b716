package org.computegov.registry.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any valid record written as JSON reads back as an equal record, and writes again to the same bytes. Without
 * jqwik's edge cases: combining a dozen arbitraries makes them cost seconds, and the example tests in {@link
 * KycJsonTest} cover the edges (empty lists, absent optional members).
 */
class KycJsonPropertiesTest {

    private static Arbitrary<String> texts() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('é', 'ß', '雪', 'Ж', '"', '\\', '\u2028')
                .ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    private static Arbitrary<String> countries() {
        return Arbitraries.of(Locale.getISOCountries());
    }

    private static Arbitrary<BeneficialOwner> owners() {
        Arbitrary<String> ids = Arbitraries.oneOf(
                Arbitraries.just("LEI:5493001KJTIIGC8Y1R12"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20).map(v -> "DE-PASSPORT:" + v));
        Arbitrary<BigDecimal> shares = Arbitraries.bigDecimals().between(BigDecimal.ZERO, BigDecimal.valueOf(100))
                .ofScale(6).filter(p -> p.signum() > 0);
        return Combinators.combine(texts(), countries(), ids.injectNull(0.4), shares.injectNull(0.3))
                .as(BeneficialOwner::new);
    }

    private static Arbitrary<PaymentMeans> payments() {
        return Combinators.combine(Arbitraries.of(PaymentMeans.Kind.class),
                Arbitraries.strings().numeric().ofLength(4).map(d -> "****" + d)).as(PaymentMeans::new);
    }

    @Provide
    Arbitrary<CustomerRecord> records() {
        Arbitrary<Address> addresses = Combinators.combine(texts().list().ofMinSize(1).ofMaxSize(3), texts(),
                texts().injectNull(0.3), countries()).as(Address::new);
        Arbitrary<String> emails = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12)
                .map(s -> s + "@example.org");
        Arbitrary<String> phones = Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(14).map(d -> "+1" + d);
        Arbitrary<Verification> verifications = Combinators.combine(Arbitraries.of(Verification.Method.class),
                texts(), Arbitraries.integers().between(0, 20_000).map(d -> LocalDate.of(2000, 1, 1).plusDays(d)),
                Arbitraries.of(Verification.State.class)).as(Verification::new);
        return Builders.withBuilder(Builder::new)
                .use(Arbitraries.strings().alpha().numeric().withChars('-', '/').ofMinLength(1).ofMaxLength(30))
                .inSetter((b, v) -> b.id = v)
                .use(Arbitraries.of(CustomerType.class)).inSetter((b, v) -> b.type = v)
                .use(texts()).inSetter((b, v) -> b.name = v)
                .use(texts().list().ofMaxSize(3)).inSetter((b, v) -> b.aliases = v)
                .use(addresses).inSetter((b, v) -> b.address = v)
                .use(countries()).inSetter((b, v) -> b.country = v)
                .use(owners().list().ofMinSize(1).ofMaxSize(4)).inSetter((b, v) -> b.owners = v)
                .use(Arbitraries.of(true, false)).inSetter((b, v) -> b.ownOwner = v)
                .use(payments().list().ofMinSize(1).ofMaxSize(3)).inSetter((b, v) -> b.payments = v)
                .use(emails).inSetter((b, v) -> b.email = v)
                .use(phones).inSetter((b, v) -> b.phone = v)
                .use(verifications).inSetter((b, v) -> b.verification = v)
                .use(Arbitraries.of(RiskRating.class)).inSetter((b, v) -> b.risk = v)
                .build(Builder::build);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void whatIsWrittenIsReadBackUnchangedAndWritesTheSameBytes(@ForAll("records") CustomerRecord record)
            throws Exception {
        byte[] written = KycJson.writeCustomer(record);
        assertThat(KycJson.writeCustomer(record)).isEqualTo(written);
        CustomerRecord back = KycJson.readCustomer(written);
        assertThat(back).isEqualTo(record);
        assertThat(KycJson.writeCustomer(back)).isEqualTo(written);
    }

    @Provide
    Arbitrary<List<AccessEvent>> events() {
        Arbitrary<String> ips = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4).map(IpLiteralTest::dottedQuad),
                Arbitraries.bytes().array(byte[].class).ofSize(16).map(IpLiteralTest::compress));
        Arbitrary<Instant> times = Combinators.combine(Arbitraries.longs().between(946_684_800L, 4_102_444_800L),
                Arbitraries.integers().between(0, 999_999_999)).as((s, n) -> Instant.ofEpochSecond(s, n));
        return Combinators.combine(Arbitraries.of("acct-17", "lab a", "ü/1"), ips.injectNull(0.2),
                times.injectNull(0.2), texts().injectNull(0.5)).as(AccessEvent::new).list().ofMaxSize(5);
    }

    @Property(tries = 100, edgeCases = EdgeCasesMode.NONE)
    void accessEventsAreReadBackUnchanged(@ForAll("events") List<AccessEvent> events) throws Exception {
        byte[] written = KycJson.writeAccessEvents(events);
        assertThat(KycJson.readAccessEvents(written)).isEqualTo(events);
        assertThat(KycJson.writeAccessEvents(KycJson.readAccessEvents(written))).isEqualTo(written);
    }

    /** Mutable holder for jqwik's builder; an individual drops its owners half the time. */
    static final class Builder {
        String id;
        CustomerType type;
        String name;
        List<String> aliases;
        Address address;
        String country;
        List<BeneficialOwner> owners;
        boolean ownOwner;
        List<PaymentMeans> payments;
        String email;
        String phone;
        Verification verification;
        RiskRating risk;

        CustomerRecord build() {
            List<BeneficialOwner> o = type == CustomerType.INDIVIDUAL && ownOwner ? List.of() : owners;
            return new CustomerRecord(id, type, name, aliases, address, country, o, payments, email, phone,
                    verification, risk);
        }
    }
}
