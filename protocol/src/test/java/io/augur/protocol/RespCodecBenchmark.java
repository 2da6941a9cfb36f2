package io.augur.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The decoder on one GET and one SET frame (256 B value) as redis-benchmark sends them, and the
 * encoder on a 256 B bulk reply; with -prof gc, gc.alloc.rate.norm is the bytes each allocates.
 * Run: bench/jmh.sh RespCodecBenchmark   (in package io.augur.protocol: decode() is protected)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RespCodecBenchmark {

    private final RespDecoder decoder = new RespDecoder();
    private final List<Object> out = new ArrayList<>(4);
    private final byte[] value = "v".repeat(256).getBytes(StandardCharsets.US_ASCII);
    private ByteBuf get;
    private ByteBuf set;
    private ByteBuf reply;

    @Setup(Level.Trial)
    public void frames() {
        get = frame("*2\r\n$3\r\nGET\r\n$16\r\nkey:000000012345\r\n");
        set = frame("*3\r\n$3\r\nSET\r\n$16\r\nkey:000000012345\r\n$256\r\n" + "v".repeat(256) + "\r\n");
        reply = PooledByteBufAllocator.DEFAULT.directBuffer(512);
    }

    private static ByteBuf frame(String text) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(text.length());
        buf.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        return buf;
    }

    @TearDown(Level.Trial)
    public void release() {
        get.release();
        set.release();
        reply.release();
    }

    @Benchmark
    public Object decodeGet() {
        return decode(get);
    }

    @Benchmark
    public Object decodeSet() {
        return decode(set);
    }

    private Object decode(ByteBuf frame) {
        frame.readerIndex(0);
        out.clear();
        decoder.decode(null, frame, out);
        return out.get(0);
    }

    @Benchmark
    public int encodeBulk256() {
        reply.clear();
        RespWriter.bulk(reply, value);
        return reply.writerIndex();
    }
}
