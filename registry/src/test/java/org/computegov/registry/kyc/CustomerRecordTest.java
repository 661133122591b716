package org.computegov.registry.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.computegov.registry.screening.Customer;
import org.junit.jupiter.api.Test;

class CustomerRecordTest {
    private final CustomerRecord org = Customers.organization();
    private final CustomerRecord person = Customers.individual();

    @Test
    void aCustomerIsForeignWhenItsCountryIsNotTheJurisdictions() {
        assertThat(org.isForeignTo("US")).isTrue();
        assertThat(org.isForeignTo("DE")).isFalse();
        assertThat(person.isForeignTo("US-VA")).isTrue();
        assertThat(person.isForeignTo("CN")).isFalse();
    }

    @Test
    void theAddressDoesNotMakeACustomerDomestic() {
        CustomerRecord germanInUs = withAddressCountry(org, "US");
        assertThat(germanInUs.isForeignTo("US")).isTrue();
    }

    @Test
    void aJurisdictionMustNameACountry() {
        assertThatThrownBy(() -> org.isForeignTo("us")).isInstanceOf(InvalidFieldException.class)
                .hasMessage("providerJurisdiction 'us' does not start with an ISO 3166-1 alpha-2 country code.")
                .extracting(e -> ((InvalidFieldException) e).hint()).isEqualTo("Write US in upper case.");
        assertThatThrownBy(() -> org.isForeignTo("EU")).hasMessageContaining("'EU' does not start with");
        assertThatThrownBy(() -> org.isForeignTo("US-")).hasMessageContaining("neither a country code nor");
        assertThatThrownBy(() -> org.isForeignTo(null)).hasMessage("providerJurisdiction is missing.");
    }

    @Test
    void anOrganizationsOwnersAreTheDeclaredOnes() {
        assertThat(org.owners()).isEqualTo(org.beneficialOwners()).hasSize(2);
    }

    @Test
    void anIndividualWithoutDeclaredOwnersOwnsItself() {
        assertThat(person.owners()).containsExactly(new BeneficialOwner("Li Wei", "CN", null, new BigDecimal("100")));
    }

    @Test
    void anIndividualActingForSomeoneElseHasThatOwner() {
        BeneficialOwner principal = new BeneficialOwner("Zhang San", "CN");
        CustomerRecord nominee = new CustomerRecord(person.customerId(), person.customerType(), person.legalName(),
                person.aliases(), person.address(), person.country(), List.of(principal), person.paymentMeans(),
                person.email(), person.phone(), person.verification(), person.riskRating());
        assertThat(nominee.owners()).containsExactly(principal);
    }

    @Test
    void theScreeningCustomerHasIdNameAliasesAndCountry() {
        assertThat(org.toScreeningCustomer()).isEqualTo(new Customer("acct-17", "Müller Holdings GmbH",
                List.of("Mueller Holdings"), "DE"));
    }

    @Test
    void listsAreCopiedAndImmutable() {
        List<String> aliases = new ArrayList<>(List.of("A"));
        CustomerRecord r = new CustomerRecord("c", CustomerType.INDIVIDUAL, "N", aliases, person.address(), "CN",
                List.of(), person.paymentMeans(), person.email(), person.phone(), person.verification(),
                RiskRating.LOW);
        aliases.add("B");
        assertThat(r.aliases()).containsExactly("A");
        assertThatThrownBy(() -> r.aliases().add("C")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theConstructorNamesTheBadField() {
        assertThatThrownBy(() -> new CustomerRecord("acct 17 ", org.customerType(), org.legalName(), org.aliases(),
                org.address(), org.country(), org.beneficialOwners(), org.paymentMeans(), org.email(), org.phone(),
                org.verification(), org.riskRating()))
                .isInstanceOf(InvalidFieldException.class).hasMessage("customerId has white space at its start or end.")
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("customerId");
        assertThatThrownBy(() -> new CustomerRecord("acct-17", org.customerType(), org.legalName(),
                java.util.Arrays.asList("a", null), org.address(), org.country(), org.beneficialOwners(),
                org.paymentMeans(), org.email(), org.phone(), org.verification(), org.riskRating()))
                .hasMessage("aliases[1] is missing.");
        assertThatThrownBy(() -> new CustomerRecord("acct-17", CustomerType.ORGANIZATION, org.legalName(),
                org.aliases(), org.address(), org.country(), List.of(), org.paymentMeans(), org.email(), org.phone(),
                org.verification(), org.riskRating()))
                .hasMessage("beneficialOwners is empty for an organization.");
        assertThatThrownBy(() -> new CustomerRecord("acct-17", org.customerType(), org.legalName(), org.aliases(),
                org.address(), org.country(), org.beneficialOwners(), org.paymentMeans(), org.email(), org.phone(),
                org.verification(), null))
                .hasMessage("riskRating is missing.");
    }

    @Test
    void anLeisCheckDigitsAreVerified() {
        assertThat(BeneficialOwner.isLei("5493001KJTIIGC8Y1R12")).isTrue();
        assertThat(BeneficialOwner.isLei("5493001KJTIIGC8Y1R13")).isFalse();
        assertThat(BeneficialOwner.isLei("5493001KJTIIGC8Y1R1")).isFalse();
        assertThat(BeneficialOwner.isLei("5493001kjtiigc8y1r12")).isFalse();
        // Lower case and spaces are accepted in the record and normalized before the check.
        assertThat(new BeneficialOwner("N", "LU", "lei:5493 001K JTII GC8Y 1R12", null).identifier())
                .isEqualTo("lei:5493 001K JTII GC8Y 1R12");
    }

    @Test
    void sharesAreStrippedOfTrailingZerosSoEqualSharesAreEqualOwners() {
        assertThat(new BeneficialOwner("A", "DE", null, new BigDecimal("50.000")))
                .isEqualTo(new BeneficialOwner("A", "DE", null, new BigDecimal("50")));
        assertThat(new BeneficialOwner("A", "DE", null, new BigDecimal("100.0")).ownershipPercent().toPlainString())
                .isEqualTo("100");
    }

    @Test
    void aHugeExponentIsRefusedWithoutWritingItOut() {
        assertThatThrownBy(() -> new BeneficialOwner("A", "DE", null, new BigDecimal("1E+999999999")))
                .hasMessage("ownershipPercent must be more than 0 and at most 100, got 1E+999999999.");
        assertThatThrownBy(() -> new BeneficialOwner("A", "DE", null, new BigDecimal("1E-999999999")))
                .hasMessage("ownershipPercent has more than 6 decimals.");
    }

    private static CustomerRecord withAddressCountry(CustomerRecord r, String country) {
        Address a = new Address(r.address().lines(), r.address().city(), r.address().postalCode(), country);
        return new CustomerRecord(r.customerId(), r.customerType(), r.legalName(), r.aliases(), a, r.country(),
                r.beneficialOwners(), r.paymentMeans(), r.email(), r.phone(), r.verification(), r.riskRating());
    }
}
