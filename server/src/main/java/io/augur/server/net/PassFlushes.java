package io.augur.server.net;

import io.augur.server.store.Store;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.ArrayList;
import java.util.List;

/**
 * Replies of one event-loop pass leave together, after every ready connection has been read, as
 * Redis writes its replies before it sleeps. Flushing each connection right after its own read
 * interleaves sends with the next connection's commands, so a pipelining client is woken once per
 * connection instead of once per pass; on two cores that wake-up cost more than the commands did.
 * Netty runs the queued task after the pass's I/O, on the same thread, with no wake-up.
 */
final class PassFlushes {

    private static final FastThreadLocal<PassFlushes> OF_LOOP = new FastThreadLocal<>() {
        @Override
        protected PassFlushes initialValue() {
            return new PassFlushes();
        }
    };

    private final List<Runnable> waiting = new ArrayList<>();
    private boolean scheduled;
    /** The store, once a held write of it failed in this pass: no reply leaves until the pass ends. */
    private Store unsettled;

    private PassFlushes() {
    }

    /** Runs {@code flush} once the current pass's reads are done; call it on {@code loop}'s thread. */
    static void after(EventExecutor loop, Runnable flush) {
        PassFlushes flushes = OF_LOOP.get();
        flushes.waiting.add(flush);
        if (!flushes.scheduled) {
            flushes.scheduled = true;
            loop.execute(flushes::run);
        }
    }

    /**
     * Writes the store's held rewrites before a reply leaves ({@link Store#settleWrites()}); false
     * when one failed in this pass, so the replies gathered in it, which may acknowledge that write,
     * must not leave. Call on the loop's thread.
     */
    static boolean settled(Store store) {
        if (store.settleWrites()) {
            return true;
        }
        OF_LOOP.get().unsettled = store; // sticky in the store until the pass's replies are all dropped
        return false;
    }

    /** Settles the store at the end of the pass even if no reply is due (CLIENT REPLY OFF). */
    static void settleAfter(EventExecutor loop, Store store) {
        after(loop, () -> settled(store));
    }

    private void run() {
        scheduled = false;
        try {
            for (int i = 0; i < waiting.size(); i++) {
                waiting.get(i).run();
            }
        } finally {
            waiting.clear();
            if (unsettled != null) {
                unsettled.settleFailureAnswered();
                unsettled = null;
            }
        }
    }
}
