package io.augur.server.stats;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * SLOWLOG: the last commands that ran longer than slowlog-log-slower-than, newest first, at most
 * slowlog-max-len of them. Arguments are cut as Redis cuts them (32 arguments, 128 bytes each), so
 * one entry holds a few kilobytes at most whatever the client sent.
 */
public final class SlowLog {

    /** Redis's SLOWLOG_ENTRY_MAX_ARGC: arguments kept per entry (the last one says how many more). */
    static final int MAX_ARGS = 32;
    /** Redis's SLOWLOG_ENTRY_MAX_STRING: bytes kept per argument. */
    static final int MAX_ARG_BYTES = 128;

    /**
     * One logged command.
     *
     * @param id             increasing id, never reused (not even after SLOWLOG RESET)
     * @param timeSeconds    when it ran, Unix seconds
     * @param durationMicros how long it ran
     * @param args           its arguments, cut to the limits above
     * @param client         the client's address, ip:port
     * @param clientName     the client's name (CLIENT SETNAME), or empty
     */
    public record Entry(long id, long timeSeconds, long durationMicros, List<byte[]> args, String client,
                        String clientName) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    /** Logs a command; keeps at most {@code maxLen} entries (0 keeps none). */
    public synchronized void add(long timeSeconds, long durationMicros, byte[][] args, String client, String clientName,
                                 int maxLen) {
        if (maxLen <= 0) {
            entries.clear();
            return;
        }
        entries.addFirst(new Entry(nextId++, timeSeconds, durationMicros, cut(args), client, clientName));
        while (entries.size() > maxLen) {
            entries.removeLast();
        }
    }

    /** The newest {@code count} entries (all for a negative count). */
    public synchronized List<Entry> newest(long count) {
        List<Entry> result = new ArrayList<>();
        for (Entry e : entries) {
            if (count >= 0 && result.size() >= count) {
                break;
            }
            result.add(e);
        }
        return result;
    }

    public synchronized int length() {
        return entries.size();
    }

    public synchronized void reset() {
        entries.clear();
    }

    /** Trims to a lowered slowlog-max-len. */
    public synchronized void trim(int maxLen) {
        while (entries.size() > Math.max(0, maxLen)) {
            entries.removeLast();
        }
    }

    private static List<byte[]> cut(byte[][] args) {
        int kept = Math.min(args.length, MAX_ARGS);
        List<byte[]> result = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            if (kept != args.length && i == kept - 1) {
                result.add(("... (" + (args.length - kept + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII));
            } else if (args[i].length > MAX_ARG_BYTES) {
                byte[] head = Arrays.copyOf(args[i], MAX_ARG_BYTES);
                byte[] tail = ("... (" + (args[i].length - MAX_ARG_BYTES) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] both = Arrays.copyOf(head, head.length + tail.length);
                System.arraycopy(tail, 0, both, head.length, tail.length);
                result.add(both);
            } else {
                result.add(args[i].clone());
            }
        }
        return result;
    }
}
