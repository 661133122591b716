package org.computegov.registry.kyc;

import java.time.Instant;

/**
 * One access to or administrative action on a customer's account, as the provider logged it. E.O. 13984 asks
 * providers to keep, for foreign customers, the IP addresses used for access or administration and the date and
 * time of each access; {@link AccessEvents#validate} holds foreign customers' events to that.
 *
 * @param customerId the provider's account id ({@link CustomerRecord#customerId()})
 * @param ipAddress the IPv4 or IPv6 address literal the access came from, or null when not logged; never a host
 *     name (see {@link IpLiteral}: no DNS look-up, no zone id)
 * @param time when it happened, or null when not logged
 * @param action what was done, free text ("console login", "API key created"), or null
 */
public record AccessEvent(String customerId, String ipAddress, Instant time, String action) {
    public AccessEvent {
        Rules.text("customerId", customerId);
        if (ipAddress != null && !IpLiteral.isValid(ipAddress)) {
            throw new InvalidFieldException("ipAddress", "'" + ipAddress + "' is not an IPv4 or IPv6 address literal",
                    "Give the address as logged, e.g. 192.0.2.17 or 2001:db8::17, without brackets, port, prefix"
                            + " length or zone.");
        }
        Rules.optionalText("action", action);
    }
}
