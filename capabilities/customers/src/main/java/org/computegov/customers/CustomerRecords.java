package org.computegov.customers;

import org.computegov.knowledge.InvalidInputException;
import org.computegov.registry.kernel.Schemas;
import org.computegov.registry.kyc.CustomerRecord;
import org.computegov.registry.kyc.KycJson;
import org.jdbi.v3.core.Handle;

/** A customer's current KYC record, read back from the vault through the commitment its row keeps. */
final class CustomerRecords {
    private CustomerRecords() {}

    static CustomerRecord record(Handle h, String provider, String customer) {
        byte[] payload = h.createQuery("SELECT v.payload FROM customer c JOIN " + Schemas.VAULT + ".sealed_payload v"
                + " ON v.commitment = c.commitment WHERE c.provider = :p AND c.customer_id = :c")
                .bind("p", provider).bind("c", customer).mapTo(byte[].class).findFirst().orElse(null);
        if (payload == null) {
            return null;
        }
        try {
            return KycJson.readCustomer(payload);
        } catch (InvalidInputException e) {
            throw new IllegalStateException("a stored customer record no longer reads: " + e.getMessage(), e);
        }
    }
}
