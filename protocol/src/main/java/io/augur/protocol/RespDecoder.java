package io.augur.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Streaming decoder of client requests: RESP multibulk arrays of bulk strings and inline commands.
 * Emits one {@link RespCommand} per complete command, or one {@link RespProtocolError} and then
 * discards everything else the connection sends.
 */
public final class RespDecoder extends ByteToMessageDecoder {

    /*
     * Design: an explicit state machine driven by one loop (as Netty's codec-redis). Each step either
     * completes and moves on, or returns "need more bytes" leaving the state in place, so a command
     * that arrives in fragments is never re-parsed from its start. Lengths a client claims are only
     * checked against limits; memory is allocated for an argument only once all its bytes are here.
     * Error texts are Redis 7's (networking.c), so clients and tools see what Redis would send.
     */

    private enum State { START, MULTIBULK_COUNT, BULK_HEADER, BULK_BODY, INLINE, FAILED }

    private static final byte[][] NO_ARGS = new byte[0][];

    private final LongSupplier maxBulkBytes;
    private State state = State.START;
    private byte[][] args = NO_ARGS;
    private int argCount;
    private int argsExpected;
    private long bulkLength;

    public RespDecoder() {
        this(() -> RespLimits.DEFAULT_MAX_BULK_BYTES);
    }

    /** @param maxBulkBytes read for every bulk header, so CONFIG SET proto-max-bulk-len applies at once */
    public RespDecoder(LongSupplier maxBulkBytes) {
        this.maxBulkBytes = maxBulkBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            switch (state) {
                case START -> {
                    if (!in.isReadable()) {
                        return;
                    }
                    state = in.getByte(in.readerIndex()) == '*' ? State.MULTIBULK_COUNT : State.INLINE;
                }
                case MULTIBULK_COUNT -> {
                    if (!readMultibulkCount(in, out)) {
                        return;
                    }
                }
                case BULK_HEADER -> {
                    if (!readBulkHeader(in, out)) {
                        return;
                    }
                }
                case BULK_BODY -> {
                    if (!readBulkBody(in, out)) {
                        return;
                    }
                }
                case INLINE -> {
                    if (!readInline(in, out)) {
                        return;
                    }
                }
                case FAILED -> {
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        }
    }

    private boolean readMultibulkCount(ByteBuf in, List<Object> out) {
        int lineEnd = findLineEnd(in, '\r');
        if (lineEnd < 0) {
            if (in.readableBytes() > RespLimits.MAX_INLINE_BYTES) {
                fail(in, out, "Protocol error: too big mbulk count string");
            }
            return false;
        }
        long count = parseLong(in, in.readerIndex() + 1, lineEnd);
        if (count == Long.MIN_VALUE || count > RespLimits.MAX_MULTIBULK_LENGTH) {
            fail(in, out, "Protocol error: invalid multibulk length");
            return false;
        }
        in.readerIndex(lineEnd + 2);
        if (count <= 0) {
            state = State.START; // `*0` and `*-1` are ignored, as Redis does
            return true;
        }
        argsExpected = (int) count;
        argCount = 0;
        args = new byte[Math.min(argsExpected, RespLimits.MAX_PRESIZED_ARGS)][];
        state = State.BULK_HEADER;
        return true;
    }

    private boolean readBulkHeader(ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first != '$') {
            fail(in, out, "Protocol error: expected '$', got '" + (char) (first & 0xff) + "'");
            return false;
        }
        int lineEnd = findLineEnd(in, '\r');
        if (lineEnd < 0) {
            if (in.readableBytes() > RespLimits.MAX_INLINE_BYTES) {
                fail(in, out, "Protocol error: too big bulk count string");
            }
            return false;
        }
        long length = parseLong(in, in.readerIndex() + 1, lineEnd);
        if (length == Long.MIN_VALUE || length < 0 || length > maxBulkBytes.getAsLong()
                || length > Integer.MAX_VALUE - 2) {
            fail(in, out, "Protocol error: invalid bulk length");
            return false;
        }
        in.readerIndex(lineEnd + 2);
        bulkLength = length;
        state = State.BULK_BODY;
        return true;
    }

    private boolean readBulkBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bulkLength + 2) {
            return false;
        }
        byte[] arg = new byte[(int) bulkLength];
        in.readBytes(arg);
        in.skipBytes(2); // the CRLF after the payload (not checked, as in Redis)
        if (argCount == args.length) {
            args = Arrays.copyOf(args, Math.min(argsExpected, args.length * 2));
        }
        args[argCount++] = arg;
        if (argCount == argsExpected) {
            out.add(new RespCommand(args, false));
            args = NO_ARGS;
            state = State.START;
        } else {
            state = State.BULK_HEADER;
        }
        return true;
    }

    private boolean readInline(ByteBuf in, List<Object> out) {
        int newline = findLineEnd(in, '\n');
        if (newline < 0) {
            if (in.readableBytes() > RespLimits.MAX_INLINE_BYTES) {
                fail(in, out, "Protocol error: too big inline request");
            }
            return false;
        }
        int start = in.readerIndex();
        int end = newline;
        if (end > start && in.getByte(end - 1) == '\r') {
            end--;
        }
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(newline + 1);
        byte[][] parsed = InlineSplitter.split(line);
        if (parsed == null) {
            fail(in, out, "Protocol error: unbalanced quotes in request");
            return false;
        }
        if (parsed.length > 0) {
            out.add(new RespCommand(parsed, true));
        }
        state = State.START;
        return true;
    }

    /** Index of the first {@code terminator} byte in the readable bytes, or -1 (for '\r', also needs the '\n'). */
    private static int findLineEnd(ByteBuf in, char terminator) {
        int index = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) terminator);
        if (index < 0) {
            return -1;
        }
        if (terminator == '\r' && index + 1 >= in.writerIndex()) {
            return -1; // the '\n' has not arrived yet
        }
        return index;
    }

    /** Redis's string2ll over [from, to): optional '-', digits, no leading zeros; Long.MIN_VALUE when invalid. */
    private static long parseLong(ByteBuf in, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > 20) {
            return Long.MIN_VALUE;
        }
        boolean negative = in.getByte(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return Long.MIN_VALUE;
        }
        if (in.getByte(i) == '0' && to - i > 1) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = in.getByte(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private void fail(ByteBuf in, List<Object> out, String message) {
        out.add(new RespProtocolError(message));
        args = NO_ARGS;
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
    }
}
