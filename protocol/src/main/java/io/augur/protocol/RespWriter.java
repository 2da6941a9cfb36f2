package io.augur.protocol;

import io.netty.buffer.ByteBuf;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Appends RESP2/RESP3 replies to a {@link ByteBuf}. Integers and lengths are written as digits
 * directly (no String formatting on the hot path); common replies are pre-encoded.
 */
public final class RespWriter {

    public static final byte[] OK = ascii("+OK\r\n");
    public static final byte[] PONG = ascii("+PONG\r\n");
    public static final byte[] ZERO = ascii(":0\r\n");
    public static final byte[] ONE = ascii(":1\r\n");
    public static final byte[] EMPTY_ARRAY = ascii("*0\r\n");
    private static final byte[] NULL_BULK_2 = ascii("$-1\r\n");
    private static final byte[] NULL_ARRAY_2 = ascii("*-1\r\n");
    private static final byte[] NULL_3 = ascii("_\r\n");
    private static final byte[] TRUE_3 = ascii("#t\r\n");
    private static final byte[] FALSE_3 = ascii("#f\r\n");
    private static final byte[] MIN_LONG = ascii(Long.toString(Long.MIN_VALUE));
    private static final short CRLF = ('\r' << 8) | '\n';

    private RespWriter() {
    }

    public static void raw(ByteBuf out, byte[] preEncoded) {
        out.writeBytes(preEncoded);
    }

    public static void simple(ByteBuf out, String text) {
        out.writeByte('+');
        writeSafeText(out, text);
        out.writeShort(CRLF);
    }

    public static void simple(ByteBuf out, byte[] text) {
        out.writeByte('+');
        out.writeBytes(text);
        out.writeShort(CRLF);
    }

    /** `-message\r\n`; CR and LF inside the message become spaces so the reply stays one line. */
    public static void error(ByteBuf out, String message) {
        out.writeByte('-');
        writeSafeText(out, message);
        out.writeShort(CRLF);
    }

    public static void integer(ByteBuf out, long value) {
        if (value == 0) {
            out.writeBytes(ZERO);
        } else if (value == 1) {
            out.writeBytes(ONE);
        } else {
            out.writeByte(':');
            writeDecimal(out, value);
            out.writeShort(CRLF);
        }
    }

    public static void bulk(ByteBuf out, byte[] value) {
        bulk(out, value, 0, value.length);
    }

    public static void bulk(ByteBuf out, byte[] src, int off, int len) {
        out.ensureWritable(len + 16);
        out.writeByte('$');
        writeDecimal(out, len);
        out.writeShort(CRLF);
        out.writeBytes(src, off, len);
        out.writeShort(CRLF);
    }

    public static void bulkString(ByteBuf out, String value) {
        bulk(out, value.getBytes(StandardCharsets.UTF_8));
    }

    public static void nullBulk(ByteBuf out, RespVersion version) {
        out.writeBytes(version == RespVersion.RESP3 ? NULL_3 : NULL_BULK_2);
    }

    public static void nullArray(ByteBuf out, RespVersion version) {
        out.writeBytes(version == RespVersion.RESP3 ? NULL_3 : NULL_ARRAY_2);
    }

    public static void arrayHeader(ByteBuf out, int size) {
        header(out, '*', size);
    }

    /** RESP3 push `>n` (out-of-band data such as pub/sub messages); in RESP2 a plain array of n. */
    public static void pushHeader(ByteBuf out, RespVersion version, int size) {
        header(out, version == RespVersion.RESP3 ? '>' : '*', size);
    }

    /** RESP3 `%n`; in RESP2 a map is a flat array of 2n elements. */
    public static void mapHeader(ByteBuf out, RespVersion version, int pairs) {
        if (version == RespVersion.RESP3) {
            header(out, '%', pairs);
        } else {
            header(out, '*', pairs * 2);
        }
    }

    /** RESP3 `~n`; in RESP2 a set is an array. */
    public static void setHeader(ByteBuf out, RespVersion version, int size) {
        header(out, version == RespVersion.RESP3 ? '~' : '*', size);
    }

    /** RESP3 `,value`; RESP2 a bulk string. Both use Redis's text: shortest round-trip form, inf, -inf, nan. */
    public static void doubleValue(ByteBuf out, RespVersion version, double value) {
        String text = formatDouble(value);
        if (version == RespVersion.RESP3) {
            out.writeByte(',');
            out.writeCharSequence(text, StandardCharsets.US_ASCII);
            out.writeShort(CRLF);
        } else {
            bulk(out, ascii(text));
        }
    }

    /** RESP3 `#t`/`#f`; RESP2 the integers 1/0. */
    public static void bool(ByteBuf out, RespVersion version, boolean value) {
        if (version == RespVersion.RESP3) {
            out.writeBytes(value ? TRUE_3 : FALSE_3);
        } else {
            out.writeBytes(value ? ONE : ZERO);
        }
    }

    /** RESP3 verbatim string `=len\r\nfmt:text\r\n`; RESP2 a bulk string of the text. */
    public static void verbatim(ByteBuf out, RespVersion version, String format, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (version != RespVersion.RESP3) {
            bulk(out, body);
            return;
        }
        out.writeByte('=');
        writeDecimal(out, body.length + 4L);
        out.writeShort(CRLF);
        out.writeCharSequence(format, StandardCharsets.US_ASCII);
        out.writeByte(':');
        out.writeBytes(body);
        out.writeShort(CRLF);
    }

    /** Redis's double text: integral values without ".0", otherwise the shortest exact decimal. */
    public static String formatDouble(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e17) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toString();
    }

    private static void header(ByteBuf out, char type, long size) {
        out.writeByte(type);
        writeDecimal(out, size);
        out.writeShort(CRLF);
    }

    /** Writes the digits of {@code value} without allocating. */
    static void writeDecimal(ByteBuf out, long value) {
        if (value == Long.MIN_VALUE) {
            out.writeBytes(MIN_LONG);
            return;
        }
        if (value < 0) {
            out.writeByte('-');
            value = -value;
        }
        if (value < 10) {
            out.writeByte((int) ('0' + value));
            return;
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10) {
            digits++;
        }
        int end = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (int i = end - 1; i >= end - digits; i--) {
            out.setByte(i, (int) ('0' + value % 10));
            value /= 10;
        }
        out.writerIndex(end);
    }

    private static void writeSafeText(ByteBuf out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                out.writeByte(' ');
            } else if (c < 0x80) {
                out.writeByte(c);
            } else {
                out.writeCharSequence(String.valueOf(c), StandardCharsets.UTF_8);
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
