package org.computegov.customers;

import org.computegov.registry.kernel.ReadInterface;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The usage figures a customer read shows beside the KYC record, supplied by whichever capability accounts for usage
 * (the customers capability does not know usage; accounting implements this and the composition root hands it over).
 */
@ReadInterface
public interface CustomerUsage {
    CustomerUsage NONE = new CustomerUsage() {
        @Override
        public Map<String, Double> flopByAccount(Handle h, String provider) {
            return Map.of();
        }

        @Override
        public void usage(Handle h, String provider, String customer, ObjectNode out) {}
    };

    /** FLOP per account {@code <provider>/<customer>}, of one provider or (null) all. */
    Map<String, Double> flopByAccount(Handle h, String provider);

    /** Adds an account's usage totals to {@code out}. */
    void usage(Handle h, String provider, String customer, ObjectNode out);
}
