package io.augur.server;

import io.augur.server.command.CommandTable;
import io.augur.server.command.bits.BitCommands;
import io.augur.server.command.connection.ConnectionCommands;
import io.augur.server.command.connection.ContextCommand;
import io.augur.server.command.hash.HashCommands;
import io.augur.server.command.keys.KeyCommands;
import io.augur.server.command.list.ListCommands;
import io.augur.server.command.set.SetCommands;
import io.augur.server.command.zset.SortedSetCommands;
import io.augur.server.command.pubsub.PubSubCommands;
import io.augur.server.command.scripting.ScriptingCommands;
import io.augur.server.command.server.ServerCommands;
import io.augur.server.command.server.MonitorCommand;
import io.augur.server.command.server.WarmCommand;
import io.augur.server.command.string.StringCommands;
import io.augur.server.command.transaction.TransactionCommands;

/** The command families Augur serves, registered into one table (the dispatcher and metrics read it). */
final class CommandFamilies {

    private CommandFamilies() {
    }

    static CommandTable table() {
        CommandTable table = new CommandTable();
        ConnectionCommands.register(table);
        ServerCommands.register(table);
        WarmCommand.register(table);
        MonitorCommand.register(table);
        ContextCommand.register(table);
        StringCommands.register(table);
        BitCommands.register(table);
        KeyCommands.register(table);
        HashCommands.register(table);
        ListCommands.register(table);
        SetCommands.register(table);
        SortedSetCommands.register(table);
        PubSubCommands.register(table); // its subscribed-state rule runs before MULTI queues, as in Redis
        TransactionCommands.register(table);
        ScriptingCommands.register(table);
        return table;
    }
}
