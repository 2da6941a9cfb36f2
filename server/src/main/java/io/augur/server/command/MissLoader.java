package io.augur.server.command;

/**
 * Loads a read miss from somewhere behind the cache (read-through). The command thread never
 * waits: an implementation answers through {@link Invocation#replyLater}.
 */
public interface MissLoader {

    /** Loads nothing: GET replies nil on a miss. */
    MissLoader NONE = new MissLoader() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void load(Invocation inv, byte[] key) {
            throw new IllegalStateException("read-through is off");
        }
    };

    /** Whether a miss should be loaded now (read-through can be switched live). */
    boolean enabled();

    /** Replies to the read later with the loaded value, nil when there is none, or an error. */
    void load(Invocation inv, byte[] key);
}
