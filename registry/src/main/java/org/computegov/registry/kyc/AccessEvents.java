package org.computegov.registry.kyc;

import java.util.List;
import java.util.Objects;
import org.computegov.knowledge.InvalidInputException;

/** Checks of a batch of access events against the customer they are reported for. */
public final class AccessEvents {
    private AccessEvents() {
    }

    /**
     * Checks that every event belongs to {@code customer} and, when the customer is foreign to the provider's
     * jurisdiction ({@link CustomerRecord#isForeignTo}), has an IP address and a time: the records E.O. 13984 and
     * the proposed IaaS rule ask of foreign customers' accesses. A domestic customer's events may lack either.
     *
     * @param events the events, as {@link KycJson#readAccessEvents} gives them
     * @param customer the customer they are reported for
     * @param providerJurisdiction the provider's jurisdiction, {@code CC} or {@code CC-SUBDIVISION}
     * @throws InvalidInputException for the first bad event, field {@code [i].customerId}, {@code [i].ipAddress} or
     *     {@code [i].time} (i counting from 0, the event's JSON path in the access-events array)
     */
    public static void validate(List<AccessEvent> events, CustomerRecord customer, String providerJurisdiction)
            throws InvalidInputException {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(customer, "customer");
        boolean foreign;
        try {
            foreign = customer.isForeignTo(providerJurisdiction);
        } catch (InvalidFieldException e) {
            throw e.at("");
        }
        for (int i = 0; i < events.size(); i++) {
            String path = Paths.element("", i);
            AccessEvent event = events.get(i);
            if (event == null) {
                throw new InvalidInputException(path, "Event " + i + " is missing.", "Remove the null from the list.");
            }
            if (!event.customerId().equals(customer.customerId())) {
                throw new InvalidInputException(path + ".customerId", "Event " + i + " is for customer '"
                        + event.customerId() + "', not '" + customer.customerId() + "'.",
                        "Report each customer's events in a statement of their own.");
            }
            if (foreign && (event.ipAddress() == null || event.time() == null)) {
                boolean noIp = event.ipAddress() == null;
                String missing = noIp && event.time() == null ? "IP address and no time" : noIp ? "IP address"
                        : "time";
                throw new InvalidInputException(path + (noIp ? ".ipAddress" : ".time"), "Event " + i + " has no "
                        + missing + ", but customer '" + customer.customerId() + "' is foreign (" + customer.country()
                        + " outside " + providerJurisdiction + ").", "Give the IP address and time of every access"
                        + " by a foreign customer, as the provider logged them.");
            }
        }
    }
}
