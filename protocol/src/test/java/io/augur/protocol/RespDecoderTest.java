package io.augur.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The request decoder, fed bytes as a socket would deliver them, in whole and in fragments. */
class RespDecoderTest {

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static List<Object> decodeAll(EmbeddedChannel channel) {
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    /** The protocol error message the decoder emits for the given input. */
    private static String errorFor(String input) {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(bytes(input));
        List<Object> out = decodeAll(ch);
        ch.finishAndReleaseAll();
        assertThat(out).last().isInstanceOf(RespProtocolError.class);
        return ((RespProtocolError) out.get(out.size() - 1)).message();
    }

    @Test
    void decode_multibulk_emitsCommandWithArgs() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n"));
        List<Object> out = decodeAll(ch);
        assertThat(out).hasSize(1);
        RespCommand cmd = (RespCommand) out.get(0);
        assertThat(cmd.size()).isEqualTo(3);
        assertThat(cmd.name()).isEqualTo("set");
        assertThat(new String(cmd.arg(2), StandardCharsets.UTF_8)).isEqualTo("value");
        assertThat(cmd.isInline()).isFalse();
        assertFalse(ch.finish());
    }

    @Test
    void decode_oneByteAtATime_emitsTheSameCommand() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        for (byte b : "*2\r\n$4\r\nECHO\r\n$12\r\nhello\r\nworld\r\n".getBytes(StandardCharsets.ISO_8859_1)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[]{b}));
        }
        List<Object> out = decodeAll(ch);
        assertThat(out).hasSize(1);
        assertThat(new String(((RespCommand) out.get(0)).arg(1), StandardCharsets.ISO_8859_1))
                .isEqualTo("hello\r\nworld");
        assertFalse(ch.finish());
    }

    @Test
    void decode_tenThousandPipelinedCommands_allEmittedFromOneBuffer() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            sb.append("*2\r\n$3\r\nGET\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
        }
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(bytes(sb.toString()));
        List<Object> out = decodeAll(ch);
        assertThat(out).hasSize(10_000);
        assertThat(new String(((RespCommand) out.get(9_999)).arg(1), StandardCharsets.US_ASCII)).isEqualTo("9999");
        assertFalse(ch.finish());
    }

    @Test
    void decode_inline_splitsOnSpacesAndHonoursQuotes() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(bytes("SET  k \"a b\\x41\\n\" 'it\\'s'\r\nPING\n"));
        List<Object> out = decodeAll(ch);
        assertThat(out).hasSize(2);
        RespCommand set = (RespCommand) out.get(0);
        assertThat(set.isInline()).isTrue();
        assertThat(set.size()).isEqualTo(4);
        assertThat(new String(set.arg(2), StandardCharsets.US_ASCII)).isEqualTo("a bA\n");
        assertThat(new String(set.arg(3), StandardCharsets.US_ASCII)).isEqualTo("it's");
        assertThat(((RespCommand) out.get(1)).name()).isEqualTo("ping");
        assertFalse(ch.finish());
    }

    @Test
    void decode_emptyLinesAndEmptyMultibulk_emitNothing() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(bytes("\r\n\n*0\r\n*-1\r\nPING\r\n"));
        List<Object> out = decodeAll(ch);
        assertThat(out).hasSize(1);
        assertThat(((RespCommand) out.get(0)).name()).isEqualTo("ping");
    }

    @Test
    void decode_commandsBeforeAnError_areEmittedFirst_thenEverythingIsDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(bytes("PING\r\n*1\r\n$x\r\nPING\r\n"));
        List<Object> out = decodeAll(ch);
        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOf(RespCommand.class);
        assertThat(out.get(1)).isEqualTo(new RespProtocolError("Protocol error: invalid bulk length"));
        ch.writeInbound(bytes("PING\r\n"));
        assertThat(decodeAll(ch)).isEmpty();
        assertFalse(ch.finish());
    }

    @Test
    void decode_protocolErrors_useRedisTexts() {
        assertThat(errorFor("*abc\r\n")).isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorFor("*" + (RespLimits.MAX_MULTIBULK_LENGTH + 1) + "\r\n"))
                .isEqualTo("Protocol error: invalid multibulk length");
        assertThat(errorFor("*1\r\n+PING\r\n")).isEqualTo("Protocol error: expected '$', got '+'");
        assertThat(errorFor("*1\r\n$-5\r\n")).isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("*1\r\n$" + (RespLimits.DEFAULT_MAX_BULK_BYTES + 1) + "\r\n"))
                .isEqualTo("Protocol error: invalid bulk length");
        assertThat(errorFor("SET k \"open\r\n")).isEqualTo("Protocol error: unbalanced quotes in request");
        assertThat(errorFor("SET k \"a\"b\r\n")).isEqualTo("Protocol error: unbalanced quotes in request");
        assertThat(errorFor("A".repeat(RespLimits.MAX_INLINE_BYTES + 1)))
                .isEqualTo("Protocol error: too big inline request");
        assertThat(errorFor("*" + "1".repeat(RespLimits.MAX_INLINE_BYTES + 1)))
                .isEqualTo("Protocol error: too big mbulk count string");
        assertThat(errorFor("*1\r\n$" + "1".repeat(RespLimits.MAX_INLINE_BYTES + 1)))
                .isEqualTo("Protocol error: too big bulk count string");
    }

    @Test
    void decode_bulkLimit_followsTheSupplierLive() {
        long[] limit = {10};
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder(() -> limit[0]));
        ch.writeInbound(bytes("*1\r\n$10\r\n0123456789\r\n"));
        assertThat(decodeAll(ch)).hasSize(1).first().isInstanceOf(RespCommand.class);
        ch.writeInbound(bytes("*1\r\n$11\r\n"));
        assertThat(decodeAll(ch)).containsExactly(new RespProtocolError("Protocol error: invalid bulk length"));
    }

    @Test
    void decode_largeClaimedBulk_waitsForTheBytes_andCompletesWhenTheyArrive() {
        int size = 10 * 1024 * 1024;
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        ch.writeInbound(bytes("*2\r\n$3\r\nSET\r\n$" + size + "\r\nabc"));
        assertThat(decodeAll(ch)).isEmpty();
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[size - 3]));
        assertThat(decodeAll(ch)).isEmpty();
        ch.writeInbound(bytes("\r\n"));
        List<Object> out = decodeAll(ch);
        assertThat(out).hasSize(1);
        assertThat(((RespCommand) out.get(0)).arg(1)).hasSize(size);
        assertFalse(ch.finish());
    }

    @Test
    void decode_hugeClaimedCount_doesNotPresizeTheArgumentArray() {
        EmbeddedChannel ch = new EmbeddedChannel(new RespDecoder());
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        ch.writeInbound(bytes("*" + RespLimits.MAX_MULTIBULK_LENGTH + "\r\n$1\r\na\r\n"));
        assertThat(decodeAll(ch)).isEmpty();
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(after - before).isLessThan(4L * 1024 * 1024);
        ch.finishAndReleaseAll();
    }
}
