package io.augur.server.command.scripting;

/** SCRIPT KILL (or a shutdown) stopped the script. An Error, as {@link ScriptTimeout}, so that pcall cannot catch it. */
final class ScriptKilled extends Error {

    static final String MESSAGE = "ERR Script killed by user with SCRIPT KILL...";

    ScriptKilled() {
        super(MESSAGE, null, false, false);
    }
}
