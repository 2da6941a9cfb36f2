package io.augur.server.store;

import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.AbstractData;
import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.hash.serialization.DataAccess;
import net.openhft.chronicle.wire.WireIn;
import net.openhft.chronicle.wire.WireOut;

/**
 * How Chronicle reads a {@code byte[]} key or value it is given: copied into a reused off-heap
 * buffer, where Chronicle's own ByteArrayDataAccess wraps each array in a new reference-counted
 * store (about 195 B and a release per key and per value, on every GET and SET).
 */
public final class CopiedBytesAccess extends AbstractData<byte[]> implements DataAccess<byte[]> {

    /*
     * Chronicle keeps one copy of a data access per query context (copy()), so a buffer is never
     * shared between threads. Arrays past COPIED_BYTES are wrapped as Chronicle does: a copy would
     * cost more than the wrap there. The class name is written into a new data file's header (a
     * file created before it keeps Chronicle's ByteArrayDataAccess), so it must keep its name and
     * its public no-argument constructor.
     */

    static final int COPIED_BYTES = 4096;

    private transient BytesStore<?, Void> buffer;
    private transient BytesStore<?, byte[]> wrapped;
    private transient byte[] array;

    public CopiedBytesAccess() {
        // state is set by getData
    }

    @Override
    public Data<byte[]> getData(byte[] instance) {
        array = instance;
        if (instance.length <= COPIED_BYTES) {
            if (buffer == null) {
                buffer = BytesStore.nativeStoreWithFixedCapacity(COPIED_BYTES);
            }
            buffer.write(buffer.start(), instance);
            wrapped = null;
        } else {
            wrapped = BytesStore.wrap(instance);
        }
        return this;
    }

    @Override
    public RandomDataInput bytes() {
        return wrapped != null ? wrapped : buffer;
    }

    @Override
    public long offset() {
        return wrapped != null ? wrapped.start() : buffer.start();
    }

    @Override
    public long size() {
        return array.length;
    }

    @Override
    public byte[] get() {
        return array;
    }

    @Override
    public byte[] getUsing(byte[] using) {
        byte[] into = using != null && using.length == array.length ? using : new byte[array.length];
        System.arraycopy(array, 0, into, 0, array.length);
        return into;
    }

    @Override
    public void uninit() {
        array = null;
        wrapped = null;
    }

    @Override
    public DataAccess<byte[]> copy() {
        return new CopiedBytesAccess();
    }

    @Override
    public void writeMarshallable(WireOut wire) {
        // no configuration
    }

    @Override
    public void readMarshallable(WireIn wire) {
        // no configuration
    }
}
