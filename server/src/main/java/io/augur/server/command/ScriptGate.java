package io.augur.server.command;

import io.augur.server.client.ClientSession;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The command thread lent to a long script. A script that outlives a short inline budget moves to
 * a thread of its own, so that the command thread can go on reading clients and, once the script
 * passes busy-reply-threshold, answer them {@code -BUSY} as Redis does (and take SCRIPT KILL).
 * While the script runs there, the script owns the keyspace: the command thread runs nothing that
 * touches it. Clients' commands are held ({@link #hold}) until the script ends or turns busy, and
 * background work that writes the store (prefetch, expiry, late replies) waits ({@link #whenIdle}).
 *
 * <p>Threads: everything here runs on the command thread. The script thread's hand-off happens
 * through the executor that starts it and the task that ends it ({@link #exit}), which order its
 * keyspace accesses before and after the command thread's.
 */
public final class ScriptGate {

    public static final String BUSY = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";

    private final ArrayDeque<Runnable> whenIdle = new ArrayDeque<>();
    private final List<Runnable> held = new ArrayList<>();
    private final List<Runnable> closers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private ClientSession owner;
    private boolean busy;
    private ScheduledFuture<?> busyTimer;

    /** Whether a script runs on its own thread now. */
    public boolean running() {
        return owner != null;
    }

    /** Whether the running script has passed busy-reply-threshold: others get {@link #BUSY}. */
    public boolean busy() {
        return busy;
    }

    /** The client whose script runs, or null. */
    public ClientSession owner() {
        return owner;
    }

    /**
     * A script of {@code client}'s, started {@code startNanos} ago on the monotonic clock, now runs
     * on its own thread; it turns busy at {@code thresholdMillis} after its start.
     */
    public void enter(ClientSession client, long startNanos, long thresholdMillis, ScheduledExecutorService loop) {
        owner = client;
        busy = false;
        long untilBusy = startNanos + thresholdMillis * 1_000_000 - System.nanoTime();
        busyTimer = loop.schedule(this::turnBusy, Math.max(0, untilBusy), TimeUnit.NANOSECONDS);
    }

    /** The script ended: the held clients and the waiting work run, in arrival order, unless another script starts meanwhile. */
    public void exit() {
        owner = null;
        busy = false;
        if (busyTimer != null) {
            busyTimer.cancel(false);
            busyTimer = null;
        }
        release();
        while (!running() && !whenIdle.isEmpty()) {
            whenIdle.poll().run();
        }
    }

    /**
     * A client's command came while a script runs and is not yet busy: {@code resume} runs when the
     * script ends or turns busy (then the command gets its BUSY reply, as in Redis).
     */
    public void hold(Runnable resume) {
        held.add(resume);
    }

    /** Runs {@code task} now, or once no script runs on its own thread: work that touches the keyspace. */
    public void whenIdle(Runnable task) {
        if (running()) {
            whenIdle.add(task);
        } else {
            task.run();
        }
    }

    /** {@code loop} (the command thread's executor), with each task passed through {@link #whenIdle}. */
    public Executor gated(Executor loop) {
        return task -> loop.execute(() -> whenIdle(task));
    }

    /**
     * Whether {@code command} (its spec; {@code subcommand} lower-case or null) may run while the
     * script is busy. Redis lets in the commands flagged allow_busy; of those Augur runs the ones that
     * touch only the calling connection (WATCH and UNWATCH would touch what the script writes).
     */
    public static boolean allowedWhileBusy(CommandSpec spec, String subcommand) {
        return switch (spec.name()) {
            case "auth", "hello", "multi", "discard", "shutdown" -> true;
            case "script" -> "kill".equals(subcommand);
            default -> false;
        };
    }

    /** {@code stop} ends the scripts on their own thread and waits for them, when the server closes. */
    public void onClose(Runnable stop) {
        closers.add(stop);
    }

    /** The server closes (any thread): a running script is stopped before the store closes under it. */
    public void close() {
        closers.forEach(Runnable::run);
    }

    private void turnBusy() {
        busyTimer = null;
        if (running()) {
            busy = true;
            release();
        }
    }

    private void release() {
        List<Runnable> resumed = new ArrayList<>(held);
        held.clear();
        resumed.forEach(Runnable::run);
    }
}
