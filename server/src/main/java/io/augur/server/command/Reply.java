package io.augur.server.command;

import io.augur.protocol.RespVersion;
import io.augur.protocol.RespWriter;
import io.augur.server.store.ValueSink;
import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/** Where a command writes its reply: the connection's pending output, in the connection's RESP version. */
public final class Reply implements ValueSink {

    /** A value up to this size is read through {@link #copied}, kept for the connection's next reads. */
    private static final int KEPT_COPY_BYTES = 64 * 1024;

    private ByteBuf out;
    /** GET's value, copied from the store (Store.readString), until {@link #bulkCopied} writes it. */
    private byte[] copied = new byte[0];
    private int copiedLength;
    private RespVersion version = RespVersion.RESP2;
    private boolean errored;
    private String lastError = "";

    public void target(ByteBuf out) {
        this.out = out;
        this.errored = false;
    }

    public ByteBuf buffer() {
        return out;
    }

    public RespVersion version() {
        return version;
    }

    public void version(RespVersion version) {
        this.version = version;
    }

    /** Whether the last command replied with an error (counted in INFO's errorstats). */
    public boolean errored() {
        return errored;
    }

    /** Forgets errors of nested replies (the commands EXEC ran counted their own) so the outer command is not counted again. */
    public void clearErrored() {
        errored = false;
    }

    /** The text of the last error reply, for errorstats. */
    public String lastError() {
        return lastError;
    }

    public void ok() {
        RespWriter.raw(out, RespWriter.OK);
    }

    public void simple(String text) {
        RespWriter.simple(out, text);
    }

    public void error(String message) {
        errored = true;
        lastError = message;
        RespWriter.error(out, message);
    }

    public void integer(long value) {
        RespWriter.integer(out, value);
    }

    public void bulk(byte[] value) {
        if (value == null) {
            RespWriter.nullBulk(out, version);
        } else {
            RespWriter.bulk(out, value);
        }
    }

    @Override
    public byte[] buffer(int length) {
        copiedLength = length;
        if (length > copied.length) { // a power of two up to KEPT_COPY_BYTES; past it, this read's own (dropped after)
            copied = new byte[length > KEPT_COPY_BYTES ? length
                    : Math.min(KEPT_COPY_BYTES, Math.max(256, Integer.highestOneBit(length - 1) << 1))];
        }
        return copied;
    }

    /** The value Store.readString last copied into {@link #buffer}, as a bulk string. */
    public void bulkCopied() {
        RespWriter.bulk(out, copied, 0, copiedLength);
        if (copied.length > KEPT_COPY_BYTES) {
            copied = new byte[0];
        }
    }

    public void bulk(String value) {
        if (value == null) {
            RespWriter.nullBulk(out, version);
        } else {
            RespWriter.bulk(out, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** An array of simple strings, as the HELP subcommands reply. */
    public void lines(String... lines) {
        array(lines.length);
        for (String line : lines) {
            simple(line);
        }
    }

    public void nullBulk() {
        RespWriter.nullBulk(out, version);
    }

    public void nullArray() {
        RespWriter.nullArray(out, version);
    }

    public void array(int size) {
        RespWriter.arrayHeader(out, size);
    }

    public void map(int pairs) {
        RespWriter.mapHeader(out, version, pairs);
    }

    public void set(int size) {
        RespWriter.setHeader(out, version, size);
    }

    public void doubleValue(double value) {
        RespWriter.doubleValue(out, version, value);
    }

    /** A RESP3 double already formatted ({@code ,text}); callers choose RESP2's form themselves. */
    public void rawDouble(String text) {
        out.writeByte(',');
        out.writeCharSequence(text, StandardCharsets.US_ASCII);
        out.writeByte('\r');
        out.writeByte('\n');
    }

    public void bool(boolean value) {
        RespWriter.bool(out, version, value);
    }

    public void verbatim(String text) {
        RespWriter.verbatim(out, version, "txt", text);
    }
}
