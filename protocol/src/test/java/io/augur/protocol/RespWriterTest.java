package io.augur.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies byte for byte, in both RESP versions. */
class RespWriterTest {

    private static String written(Consumer<ByteBuf> write) {
        ByteBuf buf = Unpooled.buffer();
        write.accept(buf);
        String s = buf.toString(StandardCharsets.UTF_8);
        buf.release();
        return s;
    }

    @Test
    void scalars_areExact() {
        assertThat(written(b -> RespWriter.simple(b, "OK"))).isEqualTo("+OK\r\n");
        assertThat(written(b -> RespWriter.error(b, "ERR bad\r\nthing"))).isEqualTo("-ERR bad  thing\r\n");
        assertThat(written(b -> RespWriter.integer(b, 0))).isEqualTo(":0\r\n");
        assertThat(written(b -> RespWriter.integer(b, -1234567890123L))).isEqualTo(":-1234567890123\r\n");
        assertThat(written(b -> RespWriter.integer(b, Long.MIN_VALUE))).isEqualTo(":" + Long.MIN_VALUE + "\r\n");
        assertThat(written(b -> RespWriter.integer(b, Long.MAX_VALUE))).isEqualTo(":" + Long.MAX_VALUE + "\r\n");
        assertThat(written(b -> RespWriter.bulkString(b, "héllo"))).isEqualTo("$6\r\nhéllo\r\n");
        assertThat(written(b -> RespWriter.bulk(b, new byte[0]))).isEqualTo("$0\r\n\r\n");
    }

    @Test
    void nulls_differByVersion() {
        assertThat(written(b -> RespWriter.nullBulk(b, RespVersion.RESP2))).isEqualTo("$-1\r\n");
        assertThat(written(b -> RespWriter.nullArray(b, RespVersion.RESP2))).isEqualTo("*-1\r\n");
        assertThat(written(b -> RespWriter.nullBulk(b, RespVersion.RESP3))).isEqualTo("_\r\n");
        assertThat(written(b -> RespWriter.nullArray(b, RespVersion.RESP3))).isEqualTo("_\r\n");
    }

    @Test
    void aggregates_differByVersion() {
        assertThat(written(b -> RespWriter.mapHeader(b, RespVersion.RESP3, 2))).isEqualTo("%2\r\n");
        assertThat(written(b -> RespWriter.mapHeader(b, RespVersion.RESP2, 2))).isEqualTo("*4\r\n");
        assertThat(written(b -> RespWriter.pushHeader(b, RespVersion.RESP3, 3))).isEqualTo(">3\r\n");
        assertThat(written(b -> RespWriter.pushHeader(b, RespVersion.RESP2, 3))).isEqualTo("*3\r\n");
        assertThat(written(b -> RespWriter.setHeader(b, RespVersion.RESP3, 3))).isEqualTo("~3\r\n");
        assertThat(written(b -> RespWriter.setHeader(b, RespVersion.RESP2, 3))).isEqualTo("*3\r\n");
        assertThat(written(b -> RespWriter.bool(b, RespVersion.RESP3, true))).isEqualTo("#t\r\n");
        assertThat(written(b -> RespWriter.bool(b, RespVersion.RESP2, false))).isEqualTo(":0\r\n");
        assertThat(written(b -> RespWriter.verbatim(b, RespVersion.RESP3, "txt", "hi"))).isEqualTo("=6\r\ntxt:hi\r\n");
        assertThat(written(b -> RespWriter.verbatim(b, RespVersion.RESP2, "txt", "hi"))).isEqualTo("$2\r\nhi\r\n");
    }

    @Test
    void doubles_formatAsRedis() {
        assertThat(written(b -> RespWriter.doubleValue(b, RespVersion.RESP3, 10.5))).isEqualTo(",10.5\r\n");
        assertThat(written(b -> RespWriter.doubleValue(b, RespVersion.RESP3, 3.0))).isEqualTo(",3\r\n");
        assertThat(written(b -> RespWriter.doubleValue(b, RespVersion.RESP3, Double.POSITIVE_INFINITY)))
                .isEqualTo(",inf\r\n");
        assertThat(written(b -> RespWriter.doubleValue(b, RespVersion.RESP3, Double.NEGATIVE_INFINITY)))
                .isEqualTo(",-inf\r\n");
        assertThat(written(b -> RespWriter.doubleValue(b, RespVersion.RESP2, 0.25))).isEqualTo("$4\r\n0.25\r\n");
    }
}
