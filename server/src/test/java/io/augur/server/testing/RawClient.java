package io.augur.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A plain TCP socket that sends bytes and reads raw RESP replies, for protocol-level tests. */
public final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawClient(int port) throws IOException {
        this("127.0.0.1", port);
    }

    public RawClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(5_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    public RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends one command as a RESP array of bulk strings (each character one byte, ISO-8859-1). */
    public RawClient command(String... args) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] raw = arg.getBytes(StandardCharsets.ISO_8859_1);
            bytes.writeBytes(("$" + raw.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(raw);
            bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return send(bytes.toByteArray());
    }

    /** Reads until {@code expectedBytes} arrived or the server stops sending. */
    public String read(int expectedBytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (buffer.size() < expectedBytes) {
            int n;
            try {
                // Never read past what was asked for: the rest belongs to the next reply.
                n = in.read(chunk, 0, Math.min(chunk.length, expectedBytes - buffer.size()));
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            buffer.write(chunk, 0, n);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Reads one reply line (up to and including CRLF). */
    public String readLine() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            buffer.write(b);
            if (previous == '\r' && b == '\n') {
                break;
            }
            previous = b;
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Reads one whole reply, RESP2 or RESP3 (aggregates with all their elements), as its raw text. */
    public String readReply() throws IOException {
        String header = readLine();
        StringBuilder reply = new StringBuilder(header);
        if (header.isEmpty()) {
            return "";
        }
        char type = header.charAt(0);
        if (type == '$' || type == '=' || type == '!') {
            int length = Integer.parseInt(header.substring(1).trim());
            if (length >= 0) {
                reply.append(read(length + 2));
            }
        } else if (type == '*' || type == '~' || type == '%' || type == '>') {
            int n = Integer.parseInt(header.substring(1).trim());
            for (int i = 0; i < (type == '%' ? 2 * n : n); i++) {
                reply.append(readReply());
            }
        }
        return reply.toString();
    }

    /** True when the server closed the connection (a read returns end of stream). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
