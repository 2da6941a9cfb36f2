package io.augur.server.command.server;

import io.augur.server.client.ClientSession;
import io.augur.server.command.CommandError;
import io.augur.server.command.CommandHooks;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Invocation;
import io.augur.server.command.Monitors;

/** MONITOR: streams every command the server runs to this client ({@link Monitors} has the format). */
public final class MonitorCommand {

    private MonitorCommand() {
    }

    public static void register(CommandTable t) {
        Monitors monitors = t.monitors();
        t.command("monitor", 1).flags("admin", "noscript", "loading", "stale")
                .doc("server", "1.0.0", "Listens for all requests received by the server in real-time.")
                .run(inv -> monitor(inv, monitors));
        t.hooks(new CommandHooks() {
            @Override
            public boolean intercept(Invocation inv, CommandSpec spec) {
                if (!monitors.active() || !monitors.monitoring(inv.client())) {
                    return false;
                }
                if (spec.name().equals("reset")) {
                    monitors.remove(inv.client()); // RESET leaves monitor mode, as in Redis
                    return false;
                }
                if (spec.has("write") || spec.has("readonly") || spec.has("may-replicate")) {
                    // Redis marks a monitor as a replica, and a replica may not touch the keyspace.
                    inv.reply().error("ERR Replica can't interact with the keyspace");
                    return true;
                }
                return false;
            }

            @Override
            public void closed(ClientSession client) {
                monitors.remove(client);
            }
        });
    }

    private static void monitor(Invocation inv, Monitors monitors) {
        if (!inv.mayDefer()) {
            throw new CommandError("ERR MONITOR isn't allowed for DENY BLOCKING client");
        }
        monitors.add(inv.client());
        inv.reply().ok();
    }
}
