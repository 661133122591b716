package org.computegov.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written by hand: requests no well-behaved client library would send (raw bytes, trickled bodies). */
final class RawHttp {
    private RawHttp() {}

    record Reply(int status, String head, String body) {}

    /** A socket to the server on loopback, from {@code from} (any 127.x address works on Linux). */
    static Socket connect(int port, String from) throws IOException {
        Socket s = new Socket();
        if (from != null) {
            s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        }
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(30_000);
        return s;
    }

    /** Sends the bytes as they are and reads one answer (the server closes or says Content-Length). */
    static Reply exchange(int port, String request) throws IOException {
        return exchange(port, null, request);
    }

    /** The same, from the loopback address {@code from}. */
    static Reply exchange(int port, String from, String request) throws IOException {
        try (Socket s = connect(port, from)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return read(s.getInputStream());
        }
    }

    /** Reads one answer's head only (an interim 100 has no body). */
    static Reply readHead(InputStream in) throws IOException {
        String head = head(in);
        return new Reply(Integer.parseInt(head.split(" ", 3)[1]), head, "");
    }

    static Reply read(InputStream in) throws IOException {
        String headText = head(in);
        int status = Integer.parseInt(headText.split(" ", 3)[1]);
        int length = -1;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        byte[] body = length >= 0 ? in.readNBytes(length) : in.readAllBytes();
        return new Reply(status, headText, new String(body, StandardCharsets.UTF_8));
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        if (headText.isEmpty()) {
            throw new IOException("the server closed the connection without answering");
        }
        return headText;
    }
}
