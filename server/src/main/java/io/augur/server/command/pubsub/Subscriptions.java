package io.augur.server.command.pubsub;

import io.augur.protocol.RespVersion;
import io.augur.protocol.RespWriter;
import io.augur.server.client.ClientFields;
import io.augur.server.client.ClientSession;
import io.augur.server.command.CommandHooks;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.Invocation;
import io.augur.server.command.keys.GlobPattern;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who listens to what: channel, pattern and shard-channel subscribers, message delivery, and the
 * RESP2 rule that a subscribed connection runs only the subscribe family, PING, QUIT and RESET.
 * Command thread only.
 */
final class Subscriptions implements CommandHooks {

    /** What a RESP2 connection may run while subscribed (Redis 7's processCommand list). */
    private static final Set<String> ALLOWED_WHILE_SUBSCRIBED = Set.of("ping", "subscribe", "ssubscribe",
            "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");

    /** One client's subscriptions, in subscription order (UNSUBSCRIBE without arguments replies in it). */
    static final class Client {
        final ClientSession session;
        final Set<ByteBuffer> channels = new LinkedHashSet<>();
        final Set<ByteBuffer> patterns = new LinkedHashSet<>();
        /** Shard channels (SSUBSCRIBE): a namespace of their own, counted apart, as Redis 7 does. */
        final Set<ByteBuffer> shards = new LinkedHashSet<>();

        Client(ClientSession session) {
            this.session = session;
        }

        /** What SUBSCRIBE/PSUBSCRIBE replies count: channels and patterns. */
        int count() {
            return channels.size() + patterns.size();
        }

        /** Every subscription; the connection is in the subscribed state while this is above 0. */
        int total() {
            return count() + shards.size();
        }
    }

    /** A pattern with its compiled matcher and subscribers. */
    private record Pattern(GlobPattern glob, Set<Client> subscribers) {
    }

    private final Map<Long, Client> clients = new HashMap<>();
    private final Map<ByteBuffer, Set<Client>> channels = new LinkedHashMap<>();
    private final Map<ByteBuffer, Pattern> patterns = new LinkedHashMap<>();
    private final Map<ByteBuffer, Set<Client>> shardChannels = new LinkedHashMap<>();

    Client client(ClientSession session) {
        return clients.computeIfAbsent(session.id(), id -> new Client(session));
    }

    /** Subscribes; false when it already was. */
    boolean subscribe(Client c, ByteBuffer channel) {
        return join(c, c.channels, channels, channel);
    }

    boolean unsubscribe(Client c, ByteBuffer channel) {
        return leave(c, c.channels, channels, channel);
    }

    boolean psubscribe(Client c, ByteBuffer pattern) {
        if (!c.patterns.add(pattern)) {
            return false;
        }
        patterns.computeIfAbsent(pattern, k -> new Pattern(new GlobPattern(k.array()), new LinkedHashSet<>()))
                .subscribers().add(c);
        return true;
    }

    boolean punsubscribe(Client c, ByteBuffer pattern) {
        if (!c.patterns.remove(pattern)) {
            return false;
        }
        Pattern p = patterns.get(pattern);
        if (p != null && p.subscribers().remove(c) && p.subscribers().isEmpty()) {
            patterns.remove(pattern);
        }
        forgetIfIdle(c);
        return true;
    }

    /** SSUBSCRIBE; false when it already was. */
    boolean ssubscribe(Client c, ByteBuffer channel) {
        return join(c, c.shards, shardChannels, channel);
    }

    boolean sunsubscribe(Client c, ByteBuffer channel) {
        return leave(c, c.shards, shardChannels, channel);
    }

    /** Adds {@code channel} to the client's {@code own} set and the client to the channel's subscribers in {@code index}. */
    private static boolean join(Client c, Set<ByteBuffer> own, Map<ByteBuffer, Set<Client>> index, ByteBuffer channel) {
        if (!own.add(channel)) {
            return false;
        }
        index.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(c);
        return true;
    }

    /** The reverse of {@link #join}; a channel left with no subscriber is dropped, as is a client left with none. */
    private boolean leave(Client c, Set<ByteBuffer> own, Map<ByteBuffer, Set<Client>> index, ByteBuffer channel) {
        if (!own.remove(channel)) {
            return false;
        }
        Set<Client> set = index.get(channel);
        if (set != null && set.remove(c) && set.isEmpty()) {
            index.remove(channel);
        }
        forgetIfIdle(c);
        return true;
    }

    /** SPUBLISH: delivers "smessage" to the shard channel's subscribers (patterns never match shard channels). */
    int spublish(byte[] channel, byte[] message) {
        Set<Client> direct = shardChannels.get(ByteBuffer.wrap(channel));
        if (direct == null) {
            return 0;
        }
        for (Client c : direct) {
            deliver(c.session, PubSubCommands.SMESSAGE, null, channel, message);
        }
        return direct.size();
    }

    private void forgetIfIdle(Client c) {
        if (c.total() == 0) {
            clients.remove(c.session.id());
        }
    }

    /** Delivers a message to the channel's subscribers and the matching patterns'; returns how many received it. */
    int publish(byte[] channel, byte[] message) {
        int receivers = 0;
        Set<Client> direct = channels.get(ByteBuffer.wrap(channel));
        if (direct != null) {
            for (Client c : direct) {
                deliver(c.session, PubSubCommands.MESSAGE, null, channel, message);
                receivers++;
            }
        }
        for (Map.Entry<ByteBuffer, Pattern> e : patterns.entrySet()) {
            if (e.getValue().glob().matches(channel)) {
                for (Client c : e.getValue().subscribers()) {
                    deliver(c.session, PubSubCommands.PMESSAGE, e.getKey().array(), channel, message);
                    receivers++;
                }
            }
        }
        return receivers;
    }

    /**
     * {@code kind} ("message", "smessage", or for a pattern subscription "pmessage" with the pattern),
     * as a RESP3 push or a RESP2 array.
     */
    private static void deliver(ClientSession to, byte[] kind, byte[] pattern, byte[] channel, byte[] message) {
        RespVersion version = to.version();
        ByteBuf out = ByteBufAllocator.DEFAULT.buffer(32 + channel.length + message.length
                + (pattern == null ? 0 : pattern.length + 16));
        RespWriter.pushHeader(out, version, pattern == null ? 3 : 4);
        RespWriter.bulk(out, kind);
        if (pattern != null) {
            RespWriter.bulk(out, pattern);
        }
        RespWriter.bulk(out, channel);
        RespWriter.bulk(out, message);
        to.push(out);
    }

    Set<ByteBuffer> activeChannels() {
        return channels.keySet();
    }

    int subscribers(ByteBuffer channel) {
        Set<Client> set = channels.get(channel);
        return set == null ? 0 : set.size();
    }

    Set<ByteBuffer> activeShardChannels() {
        return shardChannels.keySet();
    }

    int shardSubscribers(ByteBuffer channel) {
        Set<Client> set = shardChannels.get(channel);
        return set == null ? 0 : set.size();
    }

    int patternCount() {
        return patterns.size();
    }

    /** The client's channel and pattern subscription count, 0 when it has none. */
    int count(ClientSession session) {
        Client c = clients.get(session.id());
        return c == null ? 0 : c.count();
    }

    /** Whether the client holds no subscription of any kind (then it leaves the subscribed state). */
    boolean idle(ClientSession session) {
        Client c = clients.get(session.id());
        return c == null || c.total() == 0;
    }

    @Override
    public boolean intercept(Invocation inv, CommandSpec spec) {
        if (clients.isEmpty() || !inv.mayDefer()) {
            return false; // nobody subscribed, or inside EXEC, where Redis checks nothing of this
        }
        Client c = clients.get(inv.client().id());
        if (c == null) {
            return false;
        }
        if (spec.name().equals("reset")) {
            drop(c);
            return false;
        }
        if (inv.client().version() != RespVersion.RESP2) {
            return false;
        }
        if (spec.name().equals("ping") && inv.argc() <= 2) {
            // Subscribed RESP2 clients expect every reply to be an array: ["pong", argument or ""].
            inv.reply().array(2);
            inv.reply().bulk(PubSubCommands.PONG);
            inv.reply().bulk(inv.argc() > 1 ? inv.arg(1) : new byte[0]);
            return true;
        }
        if (!ALLOWED_WHILE_SUBSCRIBED.contains(spec.name())) {
            inv.reply().error("ERR Can't execute '" + spec.name() + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE"
                    + " / PING / QUIT / RESET are allowed in this context");
            return true;
        }
        return false;
    }

    @Override
    public void describe(ClientSession session, ClientFields fields) {
        Client c = clients.get(session.id());
        if (c != null && c.count() > 0) {
            fields.flag('P');
            fields.channels(c.channels.size());
            fields.patterns(c.patterns.size());
        }
    }

    @Override
    public void closed(ClientSession session) {
        Client c = clients.get(session.id());
        if (c != null) {
            drop(c);
        }
    }

    private void drop(Client c) {
        for (ByteBuffer ch : Set.copyOf(c.channels)) {
            unsubscribe(c, ch);
        }
        for (ByteBuffer p : Set.copyOf(c.patterns)) {
            punsubscribe(c, p);
        }
        for (ByteBuffer ch : Set.copyOf(c.shards)) {
            sunsubscribe(c, ch);
        }
        clients.remove(c.session.id());
    }
}
