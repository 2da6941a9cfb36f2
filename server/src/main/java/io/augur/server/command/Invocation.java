package io.augur.server.command;

import io.augur.protocol.RespCommand;
import io.augur.server.client.ClientSession;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.DatabaseKeys;
import io.augur.server.store.Store;
import io.augur.server.store.StoredValue;
import io.augur.server.store.StringRead;
import io.augur.server.store.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One command being executed: its arguments, the client that sent it, where the reply goes,
 * and the keyspace reads/writes that count in INFO and feed the access log.
 */
public final class Invocation {

    private final CommandContext server;
    private final ClientSession client;
    private final Reply reply;
    private RespCommand command;
    private CompletionStage<Consumer<Reply>> deferred;
    private boolean atomic;
    private boolean blocked;
    /** The command's own duration is not the dispatcher's to measure: a script that moved to its own thread. */
    private boolean timedElsewhere;
    /** The time the command runs at, read once on first use (0 until then), see {@link #now()}. */
    private long nowMillis;

    public Invocation(CommandContext server, ClientSession client, Reply reply) {
        this.server = server;
        this.client = client;
        this.reply = reply;
    }

    /** Reuses this object for the next command of the same connection (saves an allocation per command). */
    public void command(RespCommand command) {
        this.command = command;
        this.nowMillis = 0;
    }

    /** The command being run, as decoded (MULTI queues it). */
    public RespCommand command() { return command; }
    public CommandContext server() { return server; }
    public ClientSession client() { return client; }
    public Reply reply() { return reply; }
    /** The selected database's keyspace. */
    public Store store() { return server.store().database(client.db()); }

    /** The key as the root store and the access log know it: qualified by the selected database. */
    public byte[] qualified(byte[] key) {
        return DatabaseKeys.qualify(client.db(), key);
    }
    /**
     * The command's time: read from the clock once and kept for the rest of the command, as
     * Redis's command time snapshot. Two reads that straddled a millisecond made PSETEX k 1 v
     * check "still in the future" and then "already past", and drop the key it had to set.
     */
    public long now() {
        if (nowMillis == 0) {
            nowMillis = server.nowMillis();
        }
        return nowMillis;
    }

    public int argc() {
        return command.size();
    }

    public byte[] arg(int i) {
        return command.arg(i);
    }

    public String argString(int i) {
        return new String(command.arg(i), StandardCharsets.UTF_8);
    }

    public String argLower(int i) {
        return new String(command.arg(i), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    }

    /** The argument as a signed 64-bit integer, exactly as Redis's string2ll accepts it. */
    public long argLong(int i) {
        return Numbers.parseLong(command.arg(i), Errors.NOT_INTEGER);
    }

    public double argDouble(int i) {
        return Numbers.parseDouble(command.arg(i));
    }

    /** A keyspace read: counts a hit or miss, offers the access to the predictor, counts prefetch used. */
    public StoredValue read(byte[] key) {
        return counted(key, false);
    }

    private StoredValue counted(byte[] key, boolean shallow) {
        byte[] qualified = qualified(key);
        StoredValue value = shallow ? server.store().shallowGet(qualified) : server.store().get(qualified);
        counted(key, qualified, value != null, value != null && value.prefetched());
        return value;
    }

    private void counted(byte[] key, byte[] qualified, boolean found, boolean prefetched) {
        if (found) {
            server.stats().hit();
            if (prefetched) {
                server.accessRecorder().prefetchUsed(qualified);
            }
        } else {
            server.stats().miss();
        }
        server.accessRecorder().read(qualified, found, client.id());
        if (!found) {
            notify(NotifyKeyspaceEvents.KEY_MISS, "keymiss", key);
        }
    }

    /**
     * GET's read: as {@link #read(byte[], ValueType)} for a string, but a hit's value goes from the
     * store into the reply through the reply's reused buffer, with no array of its own. Returns
     * true when it replied with the value, false on a miss (counted, not replied).
     */
    public boolean replyString(byte[] key) {
        byte[] qualified = qualified(key);
        StringRead read = server.store().readString(qualified, reply);
        if (read == StringRead.WRONG_TYPE) { // WRONGTYPE, counted as every other read counts it
            StoredValue value = read(key, ValueType.STRING);
            if (value != null) {
                reply.bulk(value.value());
            }
            return value != null;
        }
        boolean found = read != StringRead.ABSENT;
        counted(key, qualified, found, read == StringRead.HIT_PREFETCHED);
        if (found) {
            reply.bulkCopied();
        }
        return found;
    }

    /**
     * A keyspace read counted and logged as {@link #read(byte[])}, of a key that must hold {@code type};
     * shallow: a paged collection comes back without its elements (see {@code Store.shallowGet}).
     */
    public StoredValue shallowRead(byte[] key, ValueType type) {
        return checkType(counted(key, true), type);
    }

    /** As {@link #peek(byte[], ValueType)}, shallow as {@link #shallowRead}. */
    public StoredValue shallowPeek(byte[] key, ValueType type) {
        return checkType(store().shallowPeek(key), type);
    }

    /** A keyspace read (counted and logged as {@link #read(byte[])}) of a key that must hold {@code type}. */
    public StoredValue read(byte[] key, ValueType type) {
        return checkType(read(key), type);
    }

    /** The live entry of a key that must hold {@code type}, or null; not counted as an access. */
    public StoredValue peek(byte[] key, ValueType type) {
        return checkType(store().peek(key), type);
    }

    /** WRONGTYPE unless the value is absent or of the expected type. */
    public static StoredValue checkType(StoredValue value, ValueType type) {
        if (value != null && value.type() != type) {
            throw new CommandError(Errors.WRONGTYPE);
        }
        return value;
    }

    /**
     * Replies later, without blocking the command thread: the stage completes with the code that
     * writes the reply, which then runs on the command thread. The connection's next commands wait,
     * so replies keep their order.
     */
    public void replyLater(CompletionStage<Consumer<Reply>> writer) {
        this.deferred = writer;
    }

    /**
     * Parks the client (a blocking command such as BLPOP): replies later as {@link #replyLater}, but
     * the connection keeps being read, so a client that disconnects while blocked is noticed.
     */
    public void block(CompletionStage<Consumer<Reply>> writer) {
        this.deferred = writer;
        this.blocked = true;
    }

    /**
     * The command goes on elsewhere (a script on its own thread) and will report its whole duration
     * to SLOWLOG and LATENCY itself, so the dispatcher does not report the part it saw.
     */
    public void timedElsewhere() {
        this.timedElsewhere = true;
    }

    /** Whether {@link #timedElsewhere} was called for the command just run; clears it. */
    public boolean takeTimedElsewhere() {
        boolean t = timedElsewhere;
        timedElsewhere = false;
        return t;
    }

    /** Whether the deferred reply just taken came from {@link #block}; clears it. */
    public boolean takeBlocked() {
        boolean b = blocked;
        blocked = false;
        return b;
    }

    /**
     * Whether the command may reply later: not inside EXEC (or a script), whose commands must all
     * answer before the next one runs; a read miss there answers from the cache (nil).
     */
    public boolean mayDefer() {
        return !atomic;
    }

    /** EXEC (or a script) runs its commands atomically: while set, nothing may defer its reply. */
    public void atomic(boolean value) {
        this.atomic = value;
    }

    /** The deferred reply of the command just run, if any; clears it. */
    public CompletionStage<Consumer<Reply>> takeDeferred() {
        CompletionStage<Consumer<Reply>> d = deferred;
        deferred = null;
        if (d == null) {
            blocked = false;
        }
        return d;
    }

    /** AUGUR.CONTEXT: the connection's next reads belong to the named context. */
    public void contextHint(byte[] name) {
        server.accessRecorder().context(name, client.id());
    }

    /** A keyspace write: offers the access to the predictor and tells the hooks (WATCH, notifications). */
    public void wrote(byte[] key) {
        wrote(client.db(), key);
    }

    /** A keyspace write in a database (MOVE, COPY ... DB name another than the client's). */
    public void wrote(int db, byte[] key) {
        server.accessRecorder().write(DatabaseKeys.qualify(db, key), client.id());
        server.commands().hooks().wrote(this, key);
    }

    /**
     * A keyspace notification about {@code key} in the client's database: {@code event} (Redis's
     * name, e.g. "set", "lpush") of class {@code type} ({@link NotifyKeyspaceEvents}). Free when off.
     */
    public void notify(int type, String event, byte[] key) {
        server.commands().keyspaceEvents().notify(type, event, client.db(), key);
    }

    /** A keyspace notification about a key of another database (MOVE's "move_to"). */
    public void notify(int type, String event, int db, byte[] key) {
        server.commands().keyspaceEvents().notify(type, event, db, key);
    }

    /** Whether notifications of class {@code type} are on (a command skips a lookup only they need). */
    public boolean notifying(int type) {
        return server.commands().keyspaceEvents().enabled(type);
    }

    /** Whether a write about to happen creates {@code key}, asked only while "new" events are on (it costs a lookup). */
    public boolean creating(byte[] key) {
        return notifying(NotifyKeyspaceEvents.NEW) && store().shallowPeek(key) == null;
    }

    /** Raises "new" for a key {@link #creating} found absent, once it exists. */
    public void created(boolean creating, byte[] key) {
        if (creating) {
            notify(NotifyKeyspaceEvents.NEW, "new", key);
        }
    }
}
