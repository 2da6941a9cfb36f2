package io.augur.server.command;

import io.augur.server.config.NotifyKeyspaceEvents;

import java.nio.charset.StandardCharsets;

/**
 * Keyspace notifications: publishes an event on {@code __keyspace@<db>__:<key>} and
 * {@code __keyevent@<db>__:<event>} when its class is on in {@code notify-keyspace-events}.
 */
public final class KeyspaceEvents {

    /*
     * Cost: commands call notify() on every write, so when notifications are off (the default) the
     * call is one volatile read and a mask test; channels are built only for a class that is on.
     * Threading: commands, active expiry and eviction all run on the command thread, which is
     * where pub/sub delivers, so no event races a subscription change.
     */

    /** Where notifications go: the pub/sub family's PUBLISH. */
    @FunctionalInterface
    public interface Publisher {
        void publish(byte[] channel, byte[] message);
    }

    private static final byte[] KEYSPACE_PREFIX = ascii("__keyspace@");
    private static final byte[] KEYEVENT_PREFIX = ascii("__keyevent@");
    private static final byte[] SUFFIX = ascii("__:");

    /** The configured classes, or 0 when neither K nor E is on (then nothing is ever published). */
    private volatile int classes;
    private Publisher publisher = (channel, message) -> { };

    /** Applies a {@code notify-keyspace-events} value ({@link NotifyKeyspaceEvents} bits). */
    public void classes(int flags) {
        classes = (flags & (NotifyKeyspaceEvents.KEYSPACE | NotifyKeyspaceEvents.KEYEVENT)) == 0 ? 0 : flags;
    }

    /** Set once by the pub/sub family at registration. */
    public void publishTo(Publisher target) {
        this.publisher = target;
    }

    /** Whether events of {@code type} are published now (lets a caller skip work no one hears). */
    public boolean enabled(int type) {
        return (classes & type) != 0;
    }

    /** Publishes {@code event} about {@code key} of database {@code db} when its class {@code type} is on. */
    public void notify(int type, String event, int db, byte[] key) {
        int on = classes;
        if ((on & type) == 0) {
            return;
        }
        byte[] name = ascii(event);
        byte[] database = ascii(Integer.toString(db));
        if ((on & NotifyKeyspaceEvents.KEYSPACE) != 0) {
            publisher.publish(concat(KEYSPACE_PREFIX, database, SUFFIX, key), name);
        }
        if ((on & NotifyKeyspaceEvents.KEYEVENT) != 0) {
            publisher.publish(concat(KEYEVENT_PREFIX, database, SUFFIX, name), key);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
