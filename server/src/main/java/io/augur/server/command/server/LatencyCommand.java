package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.stats.LatencyMonitor;

import java.util.ArrayList;
import java.util.List;

/**
 * LATENCY LATEST | HISTORY event | RESET [event ...] | DOCTOR | HELP over the server's
 * {@link LatencyMonitor}; events are "command" and "fast-command" (GRAPH and HISTOGRAM are not served).
 */
final class LatencyCommand {

    private LatencyCommand() {
    }

    static void register(CommandTable t) {
        t.command("latency", -2).flags("admin", "noscript", "loading", "stale")
                .doc("server", "2.8.13", "A container for latency diagnostics commands.").run(LatencyCommand::latency);
    }

    private static void latency(Invocation inv) {
        String sub = inv.argLower(1);
        LatencyMonitor monitor = inv.server().stats().latency();
        Reply reply = inv.reply();
        switch (sub) {
            case "latest" -> {
                arity(inv, 2, "latest");
                List<LatencyMonitor.Latest> latest = monitor.latest();
                reply.array(latest.size());
                for (LatencyMonitor.Latest l : latest) {
                    reply.array(4);
                    reply.bulk(l.event());
                    reply.integer(l.latest().timeSeconds());
                    reply.integer(l.latest().latencyMillis());
                    reply.integer(l.maxMillis());
                }
            }
            case "history" -> {
                arity(inv, 3, "history");
                List<LatencyMonitor.Sample> samples = monitor.history(inv.argString(2));
                reply.array(samples.size());
                for (LatencyMonitor.Sample s : samples) {
                    reply.array(2);
                    reply.integer(s.timeSeconds());
                    reply.integer(s.latencyMillis());
                }
            }
            case "reset" -> {
                List<String> names = new ArrayList<>();
                for (int i = 2; i < inv.argc(); i++) {
                    names.add(inv.argString(i));
                }
                reply.integer(monitor.reset(names));
            }
            case "doctor" -> {
                arity(inv, 2, "doctor");
                reply.verbatim(doctor(inv, monitor));
            }
            case "help" -> {
                arity(inv, 2, "help");
                reply.lines("LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "DOCTOR",
                        "    Return a human readable latency analysis report.",
                        "HISTORY <event>",
                        "    Return time-latency samples for the <event> class.",
                        "LATEST",
                        "    Return the latest latency samples for all events.",
                        "RESET [<event> ...]",
                        "    Reset latency data of one or more <event> classes.",
                        "    (default: reset all data for all event classes)",
                        "HELP",
                        "    Prints this help.");
            }
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "latency"));
        }
    }

    /** Redis's opening lines; with samples, one line per event instead of Redis's advice. */
    private static String doctor(Invocation inv, LatencyMonitor monitor) {
        if (inv.server().config().latencyMonitorThresholdMillis() == 0) {
            return "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may "
                    + "use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't "
                    + "in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
        }
        if (monitor.empty()) {
            return "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the "
                    + "slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think "
                    + "things over.\n";
        }
        StringBuilder sb = new StringBuilder("Dave, I have observed latency spikes in this Augur instance.\n\n");
        int n = 1;
        for (LatencyMonitor.Latest l : monitor.latest()) {
            sb.append(n++).append(". ").append(l.event()).append(": latest ").append(l.latest().latencyMillis())
                    .append(" milliseconds, worst ").append(l.maxMillis()).append(" milliseconds.\n");
        }
        return sb.append("\nSLOWLOG GET shows which commands were slow.\n").toString();
    }

    private static void arity(Invocation inv, int expected, String sub) {
        if (inv.argc() != expected) {
            throw new CommandError(Errors.wrongArity("latency|" + sub));
        }
    }
}
