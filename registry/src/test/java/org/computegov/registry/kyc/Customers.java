package org.computegov.registry.kyc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Sample customer records for the tests. */
final class Customers {
    private Customers() {
    }

    /** A German company with two owners, one by passport, one by LEI, paying by card and bank account. */
    static CustomerRecord organization() {
        return new CustomerRecord("acct-17", CustomerType.ORGANIZATION, "Müller Holdings GmbH",
                List.of("Mueller Holdings"),
                new Address(List.of("Hauptstraße 1", "3. OG"), "Berlin", "10115", "DE"), "DE",
                List.of(new BeneficialOwner("Anna Müller", "DE", "DE-PASSPORT:C01X00T47", new BigDecimal("60")),
                        new BeneficialOwner("Nordwind Capital", "LU", "LEI:5493001KJTIIGC8Y1R12", null)),
                List.of(new PaymentMeans(PaymentMeans.Kind.CARD, "****4242"),
                        new PaymentMeans(PaymentMeans.Kind.BANK_ACCOUNT, "DE89****3000")),
                "kyc@mueller-holdings.example", "+4930123456",
                new Verification(Verification.Method.DOCUMENTARY, "Handelsregister HRB 12345 B, extract of 2026-11-02",
                        LocalDate.parse("2026-11-20"), Verification.State.VERIFIED),
                RiskRating.LOW);
    }

    /** A Chinese individual, its own owner, without postal code, paying in crypto. */
    static CustomerRecord individual() {
        return new CustomerRecord("user-4711", CustomerType.INDIVIDUAL, "Li Wei", List.of(),
                new Address(List.of("88 Jianguo Road"), "Beijing", null, "CN"), "CN", List.of(),
                List.of(new PaymentMeans(PaymentMeans.Kind.CRYPTO, "bc1q****5mdq")),
                "li.wei@example.cn", "+8613800138000",
                new Verification(Verification.Method.NON_DOCUMENTARY, "credit bureau match",
                        LocalDate.parse("2026-10-01"), Verification.State.PENDING),
                RiskRating.HIGH);
    }
}
