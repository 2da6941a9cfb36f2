package io.augur.server.command.pubsub;

import io.augur.protocol.RespVersion;
import io.augur.protocol.RespWriter;
import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.keys.GlobPattern;
import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, PUBSUB CHANNELS|NUMSUB|NUMPAT with Redis 7's
 * reply shapes: RESP2 arrays, RESP3 push frames. A subscriber that does not read is bounded by
 * client-output-buffer-limit like any client (the pubsub class shares the normal class's limit).
 */
public final class PubSubCommands {

    static final byte[] MESSAGE = ascii("message");
    static final byte[] PMESSAGE = ascii("pmessage");
    static final byte[] PONG = ascii("pong");
    private static final byte[] SUBSCRIBE = ascii("subscribe");
    private static final byte[] UNSUBSCRIBE = ascii("unsubscribe");
    private static final byte[] PSUBSCRIBE = ascii("psubscribe");
    private static final byte[] PUNSUBSCRIBE = ascii("punsubscribe");

    private final Subscriptions subscriptions = new Subscriptions();

    private PubSubCommands() {
    }

    /** Registers the commands and the subscribed-state rule; register before transactions (Redis checks it first). */
    public static void register(CommandTable t) {
        PubSubCommands ps = new PubSubCommands();
        t.hooks(ps.subscriptions);
        t.keyspaceEvents().publishTo(ps.subscriptions::publish);
        t.command("subscribe", -2).flags("pubsub", "noscript", "loading", "stale")
                .doc("pubsub", "2.0.0", "Listens for messages published to channels.").run(ps::subscribe);
        t.command("unsubscribe", -1).flags("pubsub", "noscript", "loading", "stale")
                .doc("pubsub", "2.0.0", "Stops listening to messages posted to channels.").run(ps::unsubscribe);
        t.command("psubscribe", -2).flags("pubsub", "noscript", "loading", "stale")
                .doc("pubsub", "2.0.0", "Listens for messages published to channels that match one or more patterns.")
                .run(ps::psubscribe);
        t.command("punsubscribe", -1).flags("pubsub", "noscript", "loading", "stale")
                .doc("pubsub", "2.0.0", "Stops listening to messages published to channels that match one or more "
                        + "patterns.").run(ps::punsubscribe);
        t.command("publish", 3).flags("pubsub", "loading", "stale", "fast")
                .doc("pubsub", "2.0.0", "Posts a message to a channel.")
                .run(inv -> inv.reply().integer(ps.subscriptions.publish(inv.arg(1), inv.arg(2))));
        t.command("pubsub", -2).flags("loading", "stale")
                .doc("pubsub", "2.8.0", "A container for Pub/Sub commands.").run(ps::pubsub);
    }

    private void subscribe(Invocation inv) {
        Subscriptions.Client c = subscriptions.client(inv.client());
        for (int i = 1; i < inv.argc(); i++) {
            subscriptions.subscribe(c, key(inv.arg(i)));
            confirm(inv, SUBSCRIBE, inv.arg(i), c.count());
        }
    }

    private void psubscribe(Invocation inv) {
        Subscriptions.Client c = subscriptions.client(inv.client());
        for (int i = 1; i < inv.argc(); i++) {
            subscriptions.psubscribe(c, key(inv.arg(i)));
            confirm(inv, PSUBSCRIBE, inv.arg(i), c.count());
        }
    }

    private void unsubscribe(Invocation inv) {
        Subscriptions.Client c = subscriptions.client(inv.client());
        List<ByteBuffer> targets = targets(inv, c.channels);
        if (targets.isEmpty()) {
            confirm(inv, UNSUBSCRIBE, null, subscriptions.count(inv.client()));
        }
        for (ByteBuffer channel : targets) {
            subscriptions.unsubscribe(c, channel);
            confirm(inv, UNSUBSCRIBE, channel.array(), c.count());
        }
        if (c.count() == 0) {
            subscriptions.closed(inv.client()); // nothing left: forget the client
        }
    }

    private void punsubscribe(Invocation inv) {
        Subscriptions.Client c = subscriptions.client(inv.client());
        List<ByteBuffer> targets = targets(inv, c.patterns);
        if (targets.isEmpty()) {
            confirm(inv, PUNSUBSCRIBE, null, subscriptions.count(inv.client()));
        }
        for (ByteBuffer pattern : targets) {
            subscriptions.punsubscribe(c, pattern);
            confirm(inv, PUNSUBSCRIBE, pattern.array(), c.count());
        }
        if (c.count() == 0) {
            subscriptions.closed(inv.client());
        }
    }

    /** The names given, or without arguments everything the client is subscribed to. */
    private static List<ByteBuffer> targets(Invocation inv, Set<ByteBuffer> current) {
        List<ByteBuffer> targets = new ArrayList<>();
        if (inv.argc() == 1) {
            targets.addAll(current);
        } else {
            for (int i = 1; i < inv.argc(); i++) {
                targets.add(key(inv.arg(i)));
            }
        }
        return targets;
    }

    /** [kind, name (nil when none), subscription count]: a push frame in RESP3, an array in RESP2. */
    private static void confirm(Invocation inv, byte[] kind, byte[] name, int count) {
        ByteBuf out = inv.reply().buffer();
        RespVersion version = inv.reply().version();
        RespWriter.pushHeader(out, version, 3);
        RespWriter.bulk(out, kind);
        if (name == null) {
            RespWriter.nullBulk(out, version);
        } else {
            RespWriter.bulk(out, name);
        }
        RespWriter.integer(out, count);
    }

    private void pubsub(Invocation inv) {
        String sub = inv.argLower(1);
        switch (sub) {
            case "channels" -> {
                if (inv.argc() > 3) {
                    throw new CommandError(Errors.wrongArity("pubsub|channels"));
                }
                GlobPattern pattern = inv.argc() == 3 ? new GlobPattern(inv.arg(2)) : null;
                List<byte[]> found = new ArrayList<>();
                for (ByteBuffer channel : subscriptions.activeChannels()) {
                    if (pattern == null || pattern.matches(channel.array())) {
                        found.add(channel.array());
                    }
                }
                inv.reply().array(found.size());
                found.forEach(inv.reply()::bulk);
            }
            case "numsub" -> {
                inv.reply().array((inv.argc() - 2) * 2);
                for (int i = 2; i < inv.argc(); i++) {
                    inv.reply().bulk(inv.arg(i));
                    inv.reply().integer(subscriptions.subscribers(key(inv.arg(i))));
                }
            }
            case "numpat" -> {
                if (inv.argc() != 2) {
                    throw new CommandError(Errors.wrongArity("pubsub|numpat"));
                }
                inv.reply().integer(subscriptions.patternCount());
            }
            case "help" -> inv.reply().lines(
                    "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "CHANNELS [<pattern>]",
                    "    Return the currently active channels matching a <pattern> (default: '*').",
                    "NUMPAT",
                    "    Return number of subscriptions to patterns.",
                    "NUMSUB [<channel> ...]",
                    "    Return the number of subscribers for the specified channels, excluding",
                    "    pattern subscriptions(default: no channels).",
                    "HELP",
                    "    Print this help.");
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "pubsub"));
        }
    }

    /** A channel or pattern as a map key; copied, since the decoder owns the argument's array. */
    private static ByteBuffer key(byte[] name) {
        return ByteBuffer.wrap(name.clone());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
