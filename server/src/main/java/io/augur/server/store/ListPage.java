package io.augur.server.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits one list page (a {@link CollectionCodec} payload) at either end without decoding the rest:
 * a push or pop copies the page's bytes once and allocates only the elements it adds or takes.
 */
final class ListPage {

    static final byte[] EMPTY = {0};

    private ListPage() {
    }

    static int count(byte[] page) {
        return CollectionCodec.count(page);
    }

    /** Bytes the elements add to a page. */
    static long bytesOf(List<byte[]> elements) {
        long bytes = 0;
        for (byte[] e : elements) {
            bytes += CollectionCodec.varintBytes(e.length) + e.length;
        }
        return bytes;
    }

    /** The page with {@code elements} at its head, in the given order (the first ends up first). */
    static byte[] prepend(byte[] page, List<byte[]> elements) {
        int[] pos = {0};
        int count = CollectionCodec.readVarint(page, pos);
        return join(count + elements.size(), elements, page, pos[0], page.length, true);
    }

    /** The page with {@code elements} at its tail, in the given order. */
    static byte[] append(byte[] page, List<byte[]> elements) {
        int[] pos = {0};
        int count = CollectionCodec.readVarint(page, pos);
        return join(count + elements.size(), elements, page, pos[0], page.length, false);
    }

    /** Takes up to {@code n} elements from one end (head first for left, tail first for right); returns the rest. */
    static byte[] take(byte[] page, boolean left, int n, List<byte[]> into) {
        int[] pos = {0};
        int count = CollectionCodec.readVarint(page, pos);
        if (left) { // the head: walk only the elements taken
            int k = Math.min(n, count);
            for (int i = 0; i < k; i++) {
                int length = CollectionCodec.readVarint(page, pos);
                into.add(java.util.Arrays.copyOfRange(page, pos[0], pos[0] + length));
                pos[0] += length;
            }
            return join(count - k, List.of(), page, pos[0], page.length, false);
        }
        int bodyStart = pos[0];
        int[] starts = new int[count + 1];
        for (int i = 0; i < count; i++) {
            starts[i] = pos[0];
            int length = CollectionCodec.readVarint(page, pos);
            pos[0] += length;
        }
        starts[count] = page.length;
        int k = Math.min(n, count);
        for (int i = 0; i < k; i++) {
            int index = left ? i : count - 1 - i;
            int[] at = {starts[index]};
            int length = CollectionCodec.readVarint(page, at);
            byte[] e = new byte[length];
            System.arraycopy(page, at[0], e, 0, length);
            into.add(e);
        }
        int from = left ? starts[k] : bodyStart;
        int to = left ? page.length : starts[count - k];
        return join(count - k, List.of(), page, from, to, false);
    }

    static List<byte[]> elements(byte[] page) {
        return page == null ? new ArrayList<>() : CollectionCodec.decode(page);
    }

    private static byte[] join(int count, List<byte[]> added, byte[] page, int from, int to, boolean addedFirst) {
        int size = CollectionCodec.varintBytes(count) + (int) bytesOf(added) + (to - from);
        byte[] out = new byte[size];
        int pos = CollectionCodec.writeVarint(out, 0, count);
        if (!addedFirst) {
            System.arraycopy(page, from, out, pos, to - from);
            pos += to - from;
        }
        for (byte[] e : added) {
            pos = CollectionCodec.writeVarint(out, pos, e.length);
            System.arraycopy(e, 0, out, pos, e.length);
            pos += e.length;
        }
        if (addedFirst) {
            System.arraycopy(page, from, out, pos, to - from);
        }
        return out;
    }
}
