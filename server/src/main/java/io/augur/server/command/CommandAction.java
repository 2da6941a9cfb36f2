package io.augur.server.command;

/** The body of one command: reads its arguments from the invocation and writes one reply. */
@FunctionalInterface
public interface CommandAction {
    void execute(Invocation invocation);
}
