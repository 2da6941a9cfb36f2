package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;

/**
 * MEMORY USAGE key [SAMPLES n] | STATS | DOCTOR | MALLOC-STATS | PURGE | HELP. A key's usage is
 * its entry as used_memory counts it (exact: one entry per key, so SAMPLES changes nothing).
 */
final class MemoryCommand {

    /** Below this much data Redis's doctor declines to judge, and so does ours. */
    private static final long DOCTOR_MIN_BYTES = 5L << 20;

    private MemoryCommand() {
    }

    static void register(CommandTable t) {
        t.command("memory", -2).flags("readonly")
                .doc("server", "4.0.0", "A container for memory diagnostics commands.").run(MemoryCommand::memory);
    }

    private static void memory(Invocation inv) {
        String sub = inv.argLower(1);
        switch (sub) {
            case "usage" -> usage(inv);
            case "stats" -> {
                arity(inv, 2, "stats");
                stats(inv);
            }
            case "doctor" -> {
                arity(inv, 2, "doctor");
                inv.reply().verbatim(inv.server().store().usedMemoryBytes() < DOCTOR_MIN_BYTES
                        ? "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be "
                        + "used in these conditions. Please, leave for your mission on Earth and fill it with some data. "
                        + "The new Sam and I will be back to our programming as soon as I finished rebooting.\n"
                        : "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs "
                        + "on this base.\n");
            }
            case "malloc-stats" -> {
                arity(inv, 2, "malloc-stats");
                inv.reply().verbatim("Stats not supported for the current memory allocator");
            }
            case "purge" -> {
                arity(inv, 2, "purge");
                inv.reply().ok();
            }
            case "help" -> {
                arity(inv, 2, "help");
                inv.reply().lines("MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "DOCTOR",
                        "    Return memory problems reports.",
                        "MALLOC-STATS",
                        "    Return internal statistics report from the memory allocator.",
                        "PURGE",
                        "    Attempt to purge dirty pages for reclamation by the allocator.",
                        "STATS",
                        "    Return information about the memory usage of the server.",
                        "USAGE <key> [SAMPLES <count>]",
                        "    Return memory in bytes used by <key> and its value. Nested values are",
                        "    sampled up to <count> times (default: 5, 0 means sample all).",
                        "HELP",
                        "    Prints this help.");
            }
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "memory"));
        }
    }

    private static void usage(Invocation inv) {
        if (inv.argc() < 3) {
            throw new CommandError(Errors.wrongArity("memory|usage"));
        }
        for (int j = 3; j < inv.argc(); j++) {
            if (inv.argLower(j).equals("samples") && j + 1 < inv.argc()) {
                if (inv.argLong(++j) < 0) {
                    throw new CommandError(Errors.SYNTAX);
                }
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        long bytes = inv.store().memoryUsage(inv.arg(2));
        if (bytes < 0) {
            inv.reply().nullBulk();
        } else {
            inv.reply().integer(bytes);
        }
    }

    /**
     * Redis's field names: the dataset is the store's entries (used_memory), the overhead the JVM
     * heap in use (Augur's connections, tables and buffers); what Augur does not have is 0.
     */
    private static void stats(Invocation inv) {
        long dataset = inv.server().store().usedMemoryBytes();
        Runtime jvm = Runtime.getRuntime();
        long overhead = jvm.totalMemory() - jvm.freeMemory();
        long total = dataset + overhead;
        long keys = inv.server().store().size();
        Reply reply = inv.reply();
        String[] zeros = {"replication.backlog", "clients.slaves", "clients.normal", "cluster.links", "aof.buffer",
                "lua.caches", "functions.caches"};
        reply.map(8 + zeros.length);
        field(reply, "peak.allocated", total);
        field(reply, "total.allocated", total);
        field(reply, "startup.allocated", 0);
        for (String name : zeros) {
            field(reply, name, 0);
        }
        field(reply, "overhead.total", overhead);
        field(reply, "keys.count", keys);
        field(reply, "keys.bytes-per-key", keys == 0 ? 0 : total / keys);
        field(reply, "dataset.bytes", dataset);
        reply.bulk("dataset.percentage");
        reply.doubleValue(total == 0 ? 0 : 100.0 * dataset / total);
    }

    private static void field(Reply reply, String name, long value) {
        reply.bulk(name);
        reply.integer(value);
    }

    private static void arity(Invocation inv, int expected, String sub) {
        if (inv.argc() != expected) {
            throw new CommandError(Errors.wrongArity("memory|" + sub));
        }
    }
}
