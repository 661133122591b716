package org.computegov.console;

import java.time.Duration;

/**
 * How the console runs.
 *
 * @param idle a session ends after this long without a request
 * @param absolute and at this long after sign-in, whatever happens
 * @param secureCookies cookies carry Secure and the __Host- prefix (the server listens with TLS)
 * @param failedSignInLimit failed sign-ins per username, and per client address, within {@code failedSignInWindow}
 */
public record ConsoleOptions(Duration idle, Duration absolute, boolean secureCookies, int failedSignInLimit,
        Duration failedSignInWindow) {
    public static ConsoleOptions defaults(boolean tls) {
        return new ConsoleOptions(Duration.ofMinutes(30), Duration.ofHours(12), tls, 5, Duration.ofMinutes(15));
    }

    public ConsoleOptions withIdle(Duration idle) {
        return new ConsoleOptions(idle, absolute.compareTo(idle) < 0 ? idle : absolute, secureCookies, failedSignInLimit,
                failedSignInWindow);
    }
}
