package org.computegov.registry.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.computegov.knowledge.InvalidInputException;
import org.junit.jupiter.api.Test;

class AccessEventsTest {
    private static final Instant T = Instant.parse("2026-11-25T20:00:00Z");
    private final CustomerRecord german = Customers.organization(); // acct-17, DE
    private final AccessEvent complete = new AccessEvent("acct-17", "192.0.2.17", T, "console login");

    @Test
    void completeEventsOfAForeignCustomerPass() {
        assertThatCode(() -> AccessEvents.validate(List.of(complete, new AccessEvent("acct-17", "2001:db8::17",
                T.plusSeconds(60), null)), german, "US")).doesNotThrowAnyException();
    }

    @Test
    void aForeignCustomersEventWithoutIpAddressIsRefused() {
        List<AccessEvent> events = List.of(complete, new AccessEvent("acct-17", null, T, "API key created"));
        assertThatThrownBy(() -> AccessEvents.validate(events, german, "US"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("[1].ipAddress");
                    assertThat(e.getMessage()).isEqualTo("Event 1 has no IP address, but customer 'acct-17' is"
                            + " foreign (DE outside US).");
                    assertThat(e.hint()).contains("IP address and time of every access by a foreign customer");
                });
    }

    @Test
    void aForeignCustomersEventWithoutTimeIsRefused() {
        List<AccessEvent> events = List.of(complete, complete, new AccessEvent("acct-17", "192.0.2.18", null, null));
        assertThatThrownBy(() -> AccessEvents.validate(events, german, "US-VA"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("[2].time");
                    assertThat(e.getMessage()).isEqualTo("Event 2 has no time, but customer 'acct-17' is foreign"
                            + " (DE outside US-VA).");
                });
    }

    @Test
    void anEventWithNeitherNamesBoth() {
        List<AccessEvent> events = List.of(new AccessEvent("acct-17", null, null, "login"));
        assertThatThrownBy(() -> AccessEvents.validate(events, german, "US"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("[0].ipAddress");
                    assertThat(e.getMessage()).startsWith("Event 0 has no IP address and no time,");
                });
    }

    @Test
    void aDomesticCustomersEventsMayLackIpAddressAndTime() {
        List<AccessEvent> events = List.of(new AccessEvent("acct-17", null, null, "login"),
                new AccessEvent("acct-17", "192.0.2.1", null, null), new AccessEvent("acct-17", null, T, null));
        assertThatCode(() -> AccessEvents.validate(events, german, "DE")).doesNotThrowAnyException();
        assertThatCode(() -> AccessEvents.validate(events, german, "DE-BE")).doesNotThrowAnyException();
    }

    @Test
    void eventsMustBelongToTheCustomer() {
        List<AccessEvent> events = List.of(complete, new AccessEvent("acct-18", "192.0.2.17", T, null));
        assertThatThrownBy(() -> AccessEvents.validate(events, german, "DE"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("[1].customerId");
                    assertThat(e.getMessage()).isEqualTo("Event 1 is for customer 'acct-18', not 'acct-17'.");
                });
    }

    @Test
    void aNullEventAndABadJurisdictionAreProblemsToo() {
        assertThatThrownBy(() -> AccessEvents.validate(Arrays.asList(complete, null), german, "US"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("[1]"));
        assertThatThrownBy(() -> AccessEvents.validate(List.of(complete), german, "USA"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("providerJurisdiction");
                    assertThat(e.getMessage()).isEqualTo("providerJurisdiction 'USA' does not start with an ISO"
                            + " 3166-1 alpha-2 country code.");
                });
    }

    @Test
    void anEventChecksItsOwnFields() {
        assertThatThrownBy(() -> new AccessEvent("acct-17", "host.example", T, null))
                .isInstanceOf(InvalidFieldException.class)
                .hasMessage("ipAddress 'host.example' is not an IPv4 or IPv6 address literal.");
        assertThatThrownBy(() -> new AccessEvent(" acct-17", null, null, null))
                .hasMessage("customerId has white space at its start or end.");
        assertThatThrownBy(() -> new AccessEvent("acct-17", null, null, "a\nb"))
                .hasMessage("action contains a control character (U+000A) at position 1.");
    }
}
