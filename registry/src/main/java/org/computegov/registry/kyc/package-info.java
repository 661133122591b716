/**
 * Know-your-customer for compute providers: a provider's identification record of a customer account, the access
 * events it logs, their JSON form, the salted commitment that lets a public statement stand for a confidential
 * payload, and the key that adds up compute per beneficial owner. The model follows the customer identification
 * programme of the US proposed rule for IaaS providers (89 FR 5698, 2024; E.O. 13984) and Egan &amp; Heim's KYC
 * scheme for compute providers (2023).
 *
 * <ul>
 *   <li>{@link org.computegov.registry.kyc.CustomerRecord}: who the customer is, where, who owns it, how it pays,
 *       how it was verified, how risky it is; {@code isForeignTo}, {@code owners}, {@code toScreeningCustomer}.</li>
 *   <li>{@link org.computegov.registry.kyc.AccessEvent} and {@link org.computegov.registry.kyc.AccessEvents}:
 *       foreign customers' events must carry an IP address and a time.</li>
 *   <li>{@link org.computegov.registry.kyc.KycJson}: strict reading, deterministic writing.</li>
 *   <li>{@link org.computegov.registry.statement.Sealed}: {@code SHA-256("computegov/sealed/v1\n" ‖ salt ‖ payload)}.</li>
 *   <li>{@link org.computegov.registry.kyc.OwnerKey}: one key per beneficial owner across accounts and providers.</li>
 * </ul>
 *
 * <p>Pure: no I/O, no clock, no database. The records check their fields when built and throw an {@link
 * org.computegov.registry.kyc.InvalidFieldException} (unchecked) naming the field; {@code KycJson} reports the
 * same problems as {@link org.computegov.knowledge.InvalidInputException}s (CLI exit 2, HTTP 400) whose field is
 * the JSON path.
 *
 * <h2>Customer record JSON</h2>
 *
 * <pre>{@code
 * {"customerId": "acct-17",
 *  "customerType": "ORGANIZATION",
 *  "legalName": "Müller Holdings GmbH",
 *  "aliases": ["Mueller Holdings"],
 *  "address": {"lines": ["Hauptstraße 1", "3. OG"], "city": "Berlin", "postalCode": "10115", "country": "DE"},
 *  "country": "DE",
 *  "beneficialOwners": [
 *    {"name": "Anna Müller", "country": "DE", "identifier": "DE-PASSPORT:C01X00T47", "ownershipPercent": 60},
 *    {"name": "Nordwind Capital", "country": "LU", "identifier": "LEI:5493001KJTIIGC8Y1R12"}],
 *  "paymentMeans": [{"kind": "CARD", "reference": "****4242"}, {"kind": "BANK_ACCOUNT", "reference": "DE89****3000"}],
 *  "email": "kyc@mueller-holdings.example",
 *  "phone": "+4930123456",
 *  "verification": {"method": "DOCUMENTARY", "evidence": "Handelsregister HRB 12345 B, extract of 2026-11-02",
 *                   "date": "2026-11-20", "state": "VERIFIED"},
 *  "riskRating": "LOW"}
 * }</pre>
 *
 * <ul>
 *   <li>Every member is required except {@code address.postalCode}, {@code beneficialOwners[].identifier} and
 *       {@code beneficialOwners[].ownershipPercent}, which may be absent or null. No other member is allowed, and
 *       no member twice.</li>
 *   <li>Texts (ids, names, aliases, address lines, city, postal code, evidence, payment reference): non-blank, at
 *       most 256 characters, no control characters, no white space at either end.</li>
 *   <li>Countries: ISO 3166-1 alpha-2 in upper case, as {@code java.util.Locale.getISOCountries()} lists them.
 *       {@code country} is the nationality or the country of incorporation; the address has its own.</li>
 *   <li>Enumerations are written as shown, in upper case: {@code customerType} INDIVIDUAL | ORGANIZATION;
 *       {@code paymentMeans[].kind} CARD | BANK_ACCOUNT | WIRE | CRYPTO | INVOICE; {@code verification.method}
 *       DOCUMENTARY | NON_DOCUMENTARY | IN_PERSON; {@code verification.state} PENDING | VERIFIED | FAILED |
 *       EXPIRED; {@code riskRating} LOW | MEDIUM | HIGH.</li>
 *   <li>{@code aliases} may be {@code []}. {@code beneficialOwners} needs at least one owner for an organization
 *       and may be {@code []} for an individual (then its own owner). {@code address.lines} and
 *       {@code paymentMeans} need at least one element.</li>
 *   <li>{@code identifier}: {@code SCHEME:VALUE}, the scheme a letter then letters, digits or '-' (not "name"),
 *       the value letters, digits, spaces, '.', '/', '-', at most 64 characters in all; an LEI's check digits are
 *       verified. {@code ownershipPercent}: a JSON number, 0 &lt; p ≤ 100, at most 6 decimals.</li>
 *   <li>{@code reference}: masked with '*', at most 10 letters or digits shown, at most 64 characters.</li>
 *   <li>{@code email}: {@code local@domain}, a dot-atom local part of at most 64 characters and a domain of two
 *       or more labels. {@code phone}: E.164, '+' and 8 to 15 digits. {@code date}: ISO-8601 {@code YYYY-MM-DD}.</li>
 * </ul>
 *
 * <h2>Access events JSON</h2>
 *
 * <pre>{@code
 * [{"customerId": "acct-17", "ipAddress": "192.0.2.17", "time": "2026-11-25T20:00:00Z", "action": "console login"},
 *  {"customerId": "acct-17", "ipAddress": "2001:db8::17", "time": "2026-11-25T21:03:12.5+01:00"}]
 * }</pre>
 *
 * <p>An array of objects; {@code customerId} is required, {@code ipAddress} (an IPv4 or IPv6 literal),
 * {@code time} (ISO-8601 with an offset) and {@code action} (a text) may be absent or null. That a foreign
 * customer's events have both IP address and time is checked by {@code AccessEvents.validate}, which knows the
 * customer and the provider's jurisdiction.
 *
 * <h2>Writing</h2>
 *
 * <p>Compact UTF-8 JSON (no insignificant white space, non-ASCII characters as they are), members in the order
 * above, absent or null optional members left out, shares without trailing zeros ({@code 60}, {@code 33.5}),
 * times in UTC as {@link java.time.Instant#toString()} writes them; a customer record is one line, access events
 * one event per line; the output ends with a newline. The same record always gives the same bytes, and what is
 * written reads back as an equal record.
 */
package org.computegov.registry.kyc;
