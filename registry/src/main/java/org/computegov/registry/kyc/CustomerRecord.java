package org.computegov.registry.kyc;

import java.util.List;
import java.util.Locale;
import org.computegov.registry.screening.Customer;

/**
 * A compute provider's identification record of one customer account: who the customer is, where it is, who owns
 * it, how it pays, how its identity was verified and how risky the provider rates it. The fields follow the
 * customer identification programme of the US proposed rule for IaaS providers (BIS, 89 FR 5698, 29 January 2024,
 * 15 CFR part 7, implementing E.O. 13984 and E.O. 14110) and Egan &amp; Heim's KYC scheme for compute providers
 * ("Oversight for Frontier AI through a Know-Your-Customer Scheme for Compute Providers", 2023).
 *
 * <p>The constructor checks every field and throws an {@link InvalidFieldException} naming the first bad one;
 * lists are copied and immutable. Texts follow the rules of usage records' names: non-blank, at most 256
 * characters, no control characters, no white space at either end.
 *
 * @param customerId the provider's account id, the same id its usage records charge ({@code UsageRecord.customer})
 * @param customerType natural person or legal entity
 * @param legalName the full legal name (an individual's name as on its identity document)
 * @param aliases other names the customer is known by (trading names, former names, transliterations); may be empty
 * @param address the street address, or an organization's principal place of business
 * @param country nationality, or country of incorporation, ISO 3166-1 alpha-2
 * @param beneficialOwners who owns or controls the customer (natural persons, or parent companies): at least one
 *     for an organization; may be empty for an individual, who is then its own owner ({@link #owners()})
 * @param paymentMeans how the customer pays, at least one
 * @param email a contact e-mail address
 * @param phone a contact telephone number in E.164 form, e.g. {@code +4930123456}
 * @param verification how the identity was verified
 * @param riskRating the provider's risk rating
 */
public record CustomerRecord(String customerId, CustomerType customerType, String legalName, List<String> aliases,
        Address address, String country, List<BeneficialOwner> beneficialOwners, List<PaymentMeans> paymentMeans,
        String email, String phone, Verification verification, RiskRating riskRating) {

    public CustomerRecord {
        Rules.text("customerId", customerId);
        Rules.present("customerType", customerType);
        Rules.text("legalName", legalName);
        aliases = Rules.list("aliases", aliases);
        for (int i = 0; i < aliases.size(); i++) {
            Rules.text(Paths.element("aliases", i), aliases.get(i));
        }
        Rules.present("address", address);
        Rules.country("country", country);
        beneficialOwners = Rules.list("beneficialOwners", beneficialOwners);
        if (customerType == CustomerType.ORGANIZATION && beneficialOwners.isEmpty()) {
            throw new InvalidFieldException("beneficialOwners", "is empty for an organization",
                    "Name at least one person or parent company that owns or controls it, with country and, if"
                            + " known, share.");
        }
        paymentMeans = Rules.list("paymentMeans", paymentMeans);
        if (paymentMeans.isEmpty()) {
            throw new InvalidFieldException("paymentMeans", "is empty", "Give at least one means of payment, e.g."
                    + " {\"kind\": \"CARD\", \"reference\": \"****4242\"}.");
        }
        Rules.email("email", email);
        Rules.phone("phone", phone);
        Rules.present("verification", verification);
        Rules.present("riskRating", riskRating);
    }

    /**
     * True when the customer's country (nationality or incorporation) differs from the country of the provider's
     * jurisdiction, given as an ISO 3166-1 alpha-2 code ({@code US}) or a subdivision code whose country it takes
     * ({@code US-VA}).
     *
     * @throws InvalidFieldException (field {@code providerJurisdiction}) when the jurisdiction names no country
     */
    public boolean isForeignTo(String providerJurisdiction) {
        return !country.equals(jurisdictionCountry(providerJurisdiction));
    }

    /**
     * The effective beneficial owners: the declared ones, or, for an individual that declared none, the individual
     * itself (name, nationality, 100 %).
     */
    public List<BeneficialOwner> owners() {
        if (beneficialOwners.isEmpty() && customerType == CustomerType.INDIVIDUAL) {
            return List.of(new BeneficialOwner(legalName, country, null, BeneficialOwner.HUNDRED));
        }
        return beneficialOwners;
    }

    /** The customer as denied-party screening knows it: account id, legal name, aliases and country. */
    public Customer toScreeningCustomer() {
        return new Customer(customerId, legalName, aliases, country);
    }

    /** The country of a jurisdiction {@code CC} or {@code CC-SUBDIVISION} (ISO 3166-2). */
    static String jurisdictionCountry(String jurisdiction) {
        String field = "providerJurisdiction";
        if (jurisdiction == null || jurisdiction.isEmpty()) {
            throw new InvalidFieldException(field, "is missing", Rules.COUNTRY_EXAMPLE);
        }
        int dash = jurisdiction.indexOf('-');
        String code = dash < 0 ? jurisdiction : jurisdiction.substring(0, dash);
        if (dash >= 0 && !jurisdiction.substring(dash + 1).matches("[A-Z0-9]{1,3}")) {
            throw new InvalidFieldException(field, "'" + jurisdiction + "' is neither a country code nor an ISO"
                    + " 3166-2 subdivision code", "Use e.g. US or US-VA.");
        }
        if (!Rules.COUNTRIES.contains(code)) {
            String upper = code.toUpperCase(Locale.ROOT);
            throw new InvalidFieldException(field, "'" + jurisdiction + "' does not start with an ISO 3166-1 alpha-2"
                    + " country code", Rules.COUNTRIES.contains(upper) ? "Write " + upper + " in upper case."
                    : "Use e.g. US or US-VA.");
        }
        return code;
    }
}
