package io.augur.server.command.scripting;

/**
 * A script running on its own thread, as SCRIPT KILL sees it: whether it has written (then it
 * cannot be killed, as in Redis) and whether it was asked to stop. Read by the script's watchdog.
 */
final class RunningScript {

    private final ScriptCall calls;
    private volatile boolean killed;

    RunningScript(ScriptCall calls) {
        this.calls = calls;
    }

    /** SCRIPT KILL: false when the script has written, since stopping it would leave half its effect. */
    boolean kill() {
        if (calls.wrote()) {
            return false;
        }
        killed = true;
        return true;
    }

    /** The server is closing: the script stops whatever it did. */
    void stop() {
        killed = true;
    }

    boolean killed() {
        return killed;
    }
}
