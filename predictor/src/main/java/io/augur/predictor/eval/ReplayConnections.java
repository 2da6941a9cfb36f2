package io.augur.predictor.eval;

import io.augur.predictor.context.ReadingContexts;

/**
 * How a replayed trace's reads reach the server: over one connection, one connection per trace
 * client, or a pool of N connections that interleaves the clients; and how the server groups them
 * into reading contexts (prefetch-context). Gives each read the context the predictor and the
 * planner see, as the live server would.
 */
public record ReplayConnections(Kind kind, int pool, ReadingContexts.Mode contextMode) {

    /*
     * Why a pool: applications multiplex their users over a few connections, so the server sees
     * interleaved users unless it can tell them apart (prefetch-context key). A replay that gave the
     * predictor each user's sequence (client-aware) predicted a hit ratio no pooled deployment saw.
     * A pool is modelled as round-robin in read order: each request takes the next connection.
     */

    public enum Kind { SINGLE, PER_CLIENT, POOLED }

    /** One connection for the whole trace: the replay's default. */
    public static final ReplayConnections SINGLE = new ReplayConnections(Kind.SINGLE, 1, ReadingContexts.Mode.CONNECTION);

    /** One connection per trace client (the trace's client column). */
    public static ReplayConnections perClient(ReadingContexts.Mode mode) {
        return new ReplayConnections(Kind.PER_CLIENT, 0, mode);
    }

    /** A pool of {@code connections} connections shared by the trace's clients. */
    public static ReplayConnections pooled(int connections, ReadingContexts.Mode mode) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections: " + connections + " (expected: >= 1)");
        }
        return new ReplayConnections(Kind.POOLED, connections, mode);
    }

    /** The reading context of every read, in order. */
    public long[] contexts(Trace trace) {
        ReadingContexts contexts = new ReadingContexts(contextMode);
        int[] keys = trace.keys();
        long[] out = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            long connection = switch (kind) {
                case SINGLE -> 0;
                case PER_CLIENT -> trace.clients()[i];
                case POOLED -> i % pool;
            };
            out[i] = contexts.contextOf(connection, trace.table().key(keys[i]));
        }
        return out;
    }

    /** How the rows describe it, e.g. "pooled-16/key". */
    public String label() {
        String how = switch (kind) {
            case SINGLE -> "single";
            case PER_CLIENT -> "per-client";
            case POOLED -> "pooled-" + pool;
        };
        return how + "/" + contextMode.displayName();
    }
}
