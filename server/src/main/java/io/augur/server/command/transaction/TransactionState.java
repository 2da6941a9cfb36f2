package io.augur.server.command.transaction;

import io.augur.protocol.RespCommand;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One connection's MULTI queue and WATCHed keys. Touched only on the command thread. */
final class TransactionState {

    boolean inMulti;
    /** A command was refused while queuing: EXEC answers EXECABORT. */
    boolean refusedWhileQueuing;
    /** A watched key was written since WATCH: EXEC answers a null array. */
    boolean watchedKeyTouched;
    List<RespCommand> queued = new ArrayList<>();
    /** Watched key → what it looked like at WATCH time (see {@link KeySnapshot}). */
    final Map<ByteBuffer, KeySnapshot> watched = new HashMap<>();

    void queue(RespCommand command) {
        byte[][] args = new byte[command.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = command.arg(i).clone(); // the decoder owns the original's arrays
        }
        queued.add(new RespCommand(args, false));
    }

    /** Ends MULTI (EXEC, DISCARD, RESET), returning what was queued. */
    List<RespCommand> endMulti() {
        List<RespCommand> commands = queued;
        queued = new ArrayList<>();
        inMulti = false;
        refusedWhileQueuing = false;
        return commands;
    }

    boolean idle() {
        return !inMulti && watched.isEmpty();
    }
}
