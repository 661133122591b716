package org.computegov.registry.kyc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.17", "255.255.255.255", "10.0.0.1", "::", "::1", "1::",
            "2001:db8::17", "2001:DB8::17", "2001:0db8:0000:0000:0000:0000:0000:0017", "fe80::1:2:3:4:5:6",
            "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", "::ffff:192.0.2.1", "64:ff9b::192.0.2.33",
            "1:2:3:4:5:6:192.0.2.1", "::192.0.2.1", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"})
    void literalsAreAccepted(String literal) throws Exception {
        byte[] parsed = IpLiteral.parse(literal);
        assertThat(parsed).isNotNull();
        // Cross-check with the JDK, which does not look a literal up in the DNS.
        byte[] jdk = InetAddress.getByName(literal).getAddress();
        if (jdk.length == 4 && parsed.length == 16) {
            jdk = mapped(jdk); // the JDK turns ::ffff:a.b.c.d into an IPv4 address
        }
        assertThat(parsed).isEqualTo(jdk);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "192.0.2.17 ", " 192.0.2.17", "192.0.2", "192.0.2.17.1", "192.0.2.256",
            "192.0.2.017", "192.0.2.00", "192.0.2.-1", "192.0.2.+1", "192.0.2.1a", "0x7f.0.0.1", "3232235777",
            "1.2.3.4.", ".1.2.3.4", "1..2.3", "١٩٢.0.2.1", "localhost", "example.com", ":", ":::", "1:::2",
            "1::2::3", ":1::", "::1:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8",
            "12345::", "g::1", "2001:db8::17%eth0", "fe80::1%1", "[2001:db8::17]", "2001:db8::17/64",
            "192.0.2.1:443", "::ffff:192.0.2.256", "::ffff:1.2.3", "1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5:6:7:8:1.2.3.4", "::1.2.3.4:5", "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.2555"})
    void anythingElseIsRefused(String text) {
        assertThat(IpLiteral.parse(text)).isNull();
    }

    @Property(tries = 500)
    void everyIpv6AddressInFullAndCompressedFormParsesToItsBytes(@ForAll @Size(16) byte[] address,
            @ForAll boolean zeroRun) throws Exception {
        if (zeroRun) {
            Arrays.fill(address, 4, 10, (byte) 0); // give :: something to compress
        }
        String full = InetAddress.getByAddress(address).getHostAddress(); // eight groups, never "::"
        assertThat(IpLiteral.parse(full)).isEqualTo(address);
        assertThat(IpLiteral.parse(compress(address))).as(compress(address)).isEqualTo(address);
    }

    @Property(tries = 200)
    void everyIpv4AddressParsesToItsBytes(@ForAll @Size(4) byte[] address) throws Exception {
        assertThat(IpLiteral.parse(InetAddress.getByAddress(address).getHostAddress())).isEqualTo(address);
    }

    private static byte[] mapped(byte[] v4) {
        byte[] out = new byte[16];
        out[10] = (byte) 0xff;
        out[11] = (byte) 0xff;
        System.arraycopy(v4, 0, out, 12, 4);
        return out;
    }

    static String dottedQuad(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /** RFC 5952: the longest run of two or more zero groups as "::", groups in lower case without leading zeros. */
    static String compress(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') sb.append(':');
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
