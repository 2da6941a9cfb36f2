package io.augur.server.client;

import io.augur.protocol.RespVersion;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.function.Consumer;

/** One connected client: identity, protocol version, auth state and what CLIENT LIST shows. */
public final class ClientSession {

    private final long id;
    private final Channel channel;
    private final long createdMillis;
    private volatile long lastInteractionMillis;
    /** When its unsent output first passed the soft limit (0: it is under). */
    private volatile long softOutputLimitSince;
    private volatile String name = "";
    private volatile RespVersion version = RespVersion.RESP2;
    private volatile boolean authenticated;
    private volatile String lastCommand = "NULL";
    private volatile String libName = "";
    private volatile String libVersion = "";
    private volatile boolean closeAfterReply;
    /** Where messages pushed to this client (pub/sub) go: its connection's output, in reply order. */
    private volatile Consumer<ByteBuf> outlet = ByteBuf::release;
    private volatile int db;
    /** CLIENT REPLY OFF: no replies until ON. Command thread only. */
    private boolean repliesOff;
    /** CLIENT REPLY SKIP: the next command's reply is dropped. Command thread only. */
    private boolean skipNext;

    public ClientSession(long id, Channel channel, long nowMillis, boolean authenticated) {
        this.id = id;
        this.channel = channel;
        this.createdMillis = nowMillis;
        this.lastInteractionMillis = nowMillis;
        this.authenticated = authenticated;
    }

    public long id() { return id; }
    public Channel channel() { return channel; }
    public String name() { return name; }
    public void name(String name) { this.name = name; }
    public RespVersion version() { return version; }
    public void version(RespVersion version) { this.version = version; }
    public boolean authenticated() { return authenticated; }
    public void authenticated(boolean value) { this.authenticated = value; }
    public long lastInteractionMillis() { return lastInteractionMillis; }
    public long softOutputLimitSince() { return softOutputLimitSince; }
    public void softOutputLimitSince(long millis) { softOutputLimitSince = millis; }
    public String lastCommand() { return lastCommand; }
    public void libName(String value) { this.libName = value; }
    public void libVersion(String value) { this.libVersion = value; }

    /** The selected database (SELECT). */
    public int db() { return db; }
    public void db(int value) { this.db = value; }

    /** QUIT and CLIENT KILL of oneself: the connection closes once the pending replies are written. */
    public boolean closeAfterReply() { return closeAfterReply; }
    public void closeAfterReply(boolean value) { this.closeAfterReply = value; }

    /** Set by the connection: how bytes pushed by other clients' commands reach this one. */
    public void outlet(Consumer<ByteBuf> value) { this.outlet = value; }

    /** Sends an out-of-band message (a published message); takes ownership of {@code message}. Command thread only. */
    public void push(ByteBuf message) {
        outlet.accept(message);
    }

    /** CLIENT REPLY ON|OFF|SKIP. */
    public void replyMode(boolean off, boolean skipNextReply) {
        this.repliesOff = off;
        this.skipNext = skipNextReply;
    }

    /** Called as a command starts: whether its reply is the one CLIENT REPLY SKIP drops (asked once). */
    public boolean takeSkip() {
        boolean skip = skipNext;
        skipNext = false;
        return skip;
    }

    /** Whether replies are dropped now (CLIENT REPLY OFF). */
    public boolean repliesOff() {
        return repliesOff;
    }

    public void touched(long nowMillis, String command) {
        this.lastInteractionMillis = nowMillis;
        this.lastCommand = command;
    }

    public String remoteAddress() {
        return format(channel == null ? null : channel.remoteAddress());
    }

    public String localAddress() {
        return format(channel == null ? null : channel.localAddress());
    }

    /**
     * One line of CLIENT LIST / CLIENT INFO: Redis 7.0's fields in its order, then 7.2's lib-name
     * and lib-ver. What the families track comes in {@code fields}; what Augur has no equivalent of
     * (the file descriptor, the query buffer, Redis's reply list) is -1 or 0; omem is the bytes
     * written to the connection and not yet sent.
     */
    public String describe(long nowMillis, ClientFields fields) {
        long ageSeconds = (nowMillis - createdMillis) / 1000;
        long idleSeconds = (nowMillis - lastInteractionMillis) / 1000;
        long pending = pendingOutputBytes();
        return "id=" + id + " addr=" + remoteAddress() + " laddr=" + localAddress() + " fd=-1 name=" + name
                + " age=" + ageSeconds + " idle=" + idleSeconds + " flags=" + fields.flags(closeAfterReply)
                + " db=" + db + " sub=" + fields.channels() + " psub=" + fields.patterns()
                + " ssub=" + fields.shardChannels() + " multi=" + fields.multi()
                + " qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 obl=0 oll=0 omem=" + pending
                + " tot-mem=" + pending + " events=" + (pending > 0 ? "rw" : "r") + " cmd=" + lastCommand
                + " user=default redir=-1 resp=" + (version == RespVersion.RESP3 ? 3 : 2)
                + " lib-name=" + libName + " lib-ver=" + libVersion;
    }

    /** Bytes queued on the connection and not yet written to the socket. */
    private long pendingOutputBytes() {
        if (channel == null || channel.unsafe().outboundBuffer() == null) {
            return 0;
        }
        return channel.unsafe().outboundBuffer().totalPendingWriteBytes();
    }

    private static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress();
            return host + ":" + inet.getPort();
        }
        return address == null ? "" : address.toString();
    }
}
