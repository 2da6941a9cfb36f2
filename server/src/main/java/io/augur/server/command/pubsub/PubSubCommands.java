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
 * SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, the sharded SSUBSCRIBE, SUNSUBSCRIBE,
 * SPUBLISH, and PUBSUB CHANNELS|NUMSUB|NUMPAT|SHARDCHANNELS|SHARDNUMSUB with Redis 7's reply shapes:
 * RESP2 arrays, RESP3 push frames. One node, no cluster: shard channels behave as Redis's do
 * without cluster, plain channels in a namespace of their own. A subscriber that does not read is bounded by
 * client-output-buffer-limit like any client (the pubsub class shares the normal class's limit).
 */
public final class PubSubCommands {

    static final byte[] MESSAGE = ascii("message");
    static final byte[] PMESSAGE = ascii("pmessage");
    static final byte[] SMESSAGE = ascii("smessage");
    static final byte[] PONG = ascii("pong");
    private static final byte[] SUBSCRIBE = ascii("subscribe");
    private static final byte[] UNSUBSCRIBE = ascii("unsubscribe");
    private static final byte[] PSUBSCRIBE = ascii("psubscribe");
    private static final byte[] PUNSUBSCRIBE = ascii("punsubscribe");
    private static final byte[] SSUBSCRIBE = ascii("ssubscribe");
    private static final byte[] SUNSUBSCRIBE = ascii("sunsubscribe");

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
        t.command("publish", 3).flags("pubsub", "loading", "stale", "fast", "may-replicate")
                .doc("pubsub", "2.0.0", "Posts a message to a channel.")
                .run(inv -> inv.reply().integer(ps.subscriptions.publish(inv.arg(1), inv.arg(2))));
        t.command("ssubscribe", -2).flags("pubsub", "noscript", "loading", "stale").keys(1, -1, 1)
                .doc("pubsub", "7.0.0", "Listens for messages published to shard channels.").run(ps::ssubscribe);
        t.command("sunsubscribe", -1).flags("pubsub", "noscript", "loading", "stale").keys(1, -1, 1)
                .doc("pubsub", "7.0.0", "Stops listening to messages posted to shard channels.").run(ps::sunsubscribe);
        t.command("spublish", 3).flags("pubsub", "loading", "stale", "fast", "may-replicate").keys(1, 1, 1)
                .doc("pubsub", "7.0.0", "Post a message to a shard channel")
                .run(inv -> inv.reply().integer(ps.subscriptions.spublish(inv.arg(1), inv.arg(2))));
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

    private void ssubscribe(Invocation inv) {
        if (!inv.mayDefer()) {
            // Redis 7.0 refuses it inside MULTI (a transaction's client may not block or subscribe).
            throw new CommandError("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
        }
        Subscriptions.Client c = subscriptions.client(inv.client());
        for (int i = 1; i < inv.argc(); i++) {
            subscriptions.ssubscribe(c, key(inv.arg(i)));
            confirm(inv, SSUBSCRIBE, inv.arg(i), c.shards.size());
        }
    }

    private void sunsubscribe(Invocation inv) {
        Subscriptions.Client c = subscriptions.client(inv.client());
        List<ByteBuffer> targets = targets(inv, c.shards);
        if (targets.isEmpty()) {
            confirm(inv, SUNSUBSCRIBE, null, c.shards.size());
        }
        for (ByteBuffer channel : targets) {
            subscriptions.sunsubscribe(c, channel);
            confirm(inv, SUNSUBSCRIBE, channel.array(), c.shards.size());
        }
        forgetIfIdle(inv);
    }

    /** A client left with no subscription of any kind leaves the subscribed state. */
    private void forgetIfIdle(Invocation inv) {
        if (subscriptions.idle(inv.client())) {
            subscriptions.closed(inv.client());
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
        forgetIfIdle(inv);
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
        forgetIfIdle(inv);
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
            case "channels" -> channels(inv, "channels", subscriptions.activeChannels());
            case "shardchannels" -> channels(inv, "shardchannels", subscriptions.activeShardChannels());
            case "numsub" -> {
                inv.reply().array((inv.argc() - 2) * 2);
                for (int i = 2; i < inv.argc(); i++) {
                    inv.reply().bulk(inv.arg(i));
                    inv.reply().integer(subscriptions.subscribers(key(inv.arg(i))));
                }
            }
            case "shardnumsub" -> {
                inv.reply().array((inv.argc() - 2) * 2);
                for (int i = 2; i < inv.argc(); i++) {
                    inv.reply().bulk(inv.arg(i));
                    inv.reply().integer(subscriptions.shardSubscribers(key(inv.arg(i))));
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
                    "SHARDCHANNELS [<pattern>]",
                    "    Return the currently active shard level channels matching a <pattern> (default: '*').",
                    "SHARDNUMSUB [<shardchannel> ...]",
                    "    Return the number of subscribers for the specified shard level channel(s)",
                    "HELP",
                    "    Prints this help.");
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "pubsub"));
        }
    }

    /** PUBSUB CHANNELS / SHARDCHANNELS [pattern]: the active channels matching the pattern. */
    private static void channels(Invocation inv, String sub, Set<ByteBuffer> active) {
        if (inv.argc() > 3) {
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + inv.argString(1)
                    + "'. Try PUBSUB HELP.");
        }
        GlobPattern pattern = inv.argc() == 3 ? new GlobPattern(inv.arg(2)) : null;
        List<byte[]> found = new ArrayList<>();
        for (ByteBuffer channel : active) {
            if (pattern == null || pattern.matches(channel.array())) {
                found.add(channel.array());
            }
        }
        inv.reply().array(found.size());
        found.forEach(inv.reply()::bulk);
    }

    /** A channel or pattern as a map key; copied, since the decoder owns the argument's array. */
    private static ByteBuffer key(byte[] name) {
        return ByteBuffer.wrap(name.clone());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
