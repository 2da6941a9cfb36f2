package io.augur.server.command.string;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.MissLoader;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.server.command.ValueLimit;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The string family: GET, SET and its variants, counters, ranges, multi-key reads and writes. */
public final class StringCommands {

    private StringCommands() {
    }

    public static void register(CommandTable t) {
        t.command("get", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("string", "1.0.0", "Returns the string value of a key.").run(StringCommands::get);
        t.command("set", -3).flags("write", "denyoom").keys(1, 1, 1)
                .doc("string", "1.0.0", "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.")
                .run(SetCommand::execute);
        t.command("setnx", 3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "1.0.0", "Set the string value of a key only when the key doesn't exist.")
                .run(StringCommands::setnx);
        t.command("setex", 4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("string", "2.0.0", "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.")
                .run(inv -> setWithExpiry(inv, 1000, "setex"));
        t.command("psetex", 4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("string", "2.6.0", "Sets both string value and expiration time in milliseconds of a key.")
                .run(inv -> setWithExpiry(inv, 1, "psetex"));
        t.command("getset", 3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "1.0.0", "Returns the previous string value of a key after setting it to a new value.")
                .run(StringCommands::getset);
        t.command("getdel", 2).flags("write", "fast").keys(1, 1, 1)
                .doc("string", "6.2.0", "Returns the string value of a key after deleting the key.").run(StringCommands::getdel);
        t.command("getex", -2).flags("write", "fast").keys(1, 1, 1)
                .doc("string", "6.2.0", "Returns the string value of a key after setting its expiration time.")
                .run(GetExCommand::execute);
        t.command("mget", -2).flags("readonly", "fast").keys(1, -1, 1)
                .doc("string", "1.0.0", "Atomically returns the string values of one or more keys.").run(StringCommands::mget);
        t.command("mset", -3).flags("write", "denyoom").keys(1, -1, 2)
                .doc("string", "1.0.1", "Atomically creates or modifies the string values of one or more keys.")
                .run(inv -> mset(inv, false));
        t.command("msetnx", -3).flags("write", "denyoom").keys(1, -1, 2)
                .doc("string", "1.0.1", "Atomically modifies the string values of one or more keys only when all keys don't exist.")
                .run(inv -> mset(inv, true));
        t.command("append", 3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "2.0.0", "Appends a string to the value of a key. Creates the key if it doesn't exist.")
                .run(StringCommands::append);
        t.command("strlen", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("string", "2.2.0", "Returns the length of a string value.").run(StringCommands::strlen);
        t.command("getrange", 4).flags("readonly").keys(1, 1, 1)
                .doc("string", "2.4.0", "Returns a substring of the string stored at a key.").run(StringCommands::getrange);
        t.command("substr", 4).flags("readonly").keys(1, 1, 1)
                .doc("string", "1.0.0", "Returns a substring from a string value.").run(StringCommands::getrange);
        t.command("setrange", 4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("string", "2.2.0", "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.")
                .run(StringCommands::setrange);
        t.command("lcs", -3).flags("readonly").keys(1, 2, 1)
                .doc("string", "7.0.0", "Finds the longest common substring.").run(LcsCommand::execute);
        t.command("incr", 2).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "1.0.0", "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                .run(inv -> incrBy(inv, 1));
        t.command("decr", 2).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "1.0.0", "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.")
                .run(inv -> incrBy(inv, -1));
        t.command("incrby", 3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "1.0.0", "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                .run(inv -> incrBy(inv, inv.argLong(2)));
        t.command("decrby", 3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "1.0.0", "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.")
                .run(StringCommands::decrby);
        t.command("incrbyfloat", 3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("string", "2.6.0", "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.")
                .run(StringCommands::incrbyfloat);
    }

    private static void get(Invocation inv) {
        byte[] key = inv.arg(1);
        if (inv.replyString(key)) {
            return;
        }
        MissLoader loader = inv.server().missLoader();
        if (loader.enabled() && inv.mayDefer()) {
            loader.load(inv, key);
            return;
        }
        inv.reply().bulk((byte[]) null);
    }

    private static void setnx(Invocation inv) {
        byte[] key = inv.arg(1);
        if (inv.store().peek(key) != null) {
            inv.reply().integer(0);
            return;
        }
        Writes.put(inv, key, inv.arg(2), 0, "set");
        inv.reply().integer(1);
    }

    private static void setWithExpiry(Invocation inv, long unitMillis, String name) {
        long amount = inv.argLong(2);
        long expireAt = Expiry.relative(inv.now(), amount, unitMillis, name);
        Writes.putExpiring(inv, inv.arg(1), inv.arg(3), expireAt);
        inv.reply().ok();
    }

    private static void getset(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue old = inv.read(key, ValueType.STRING);
        Writes.put(inv, key, inv.arg(2), 0, "set");
        inv.reply().bulk(old == null ? null : old.value());
    }

    private static void getdel(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue old = inv.read(key, ValueType.STRING);
        if (old != null) {
            inv.store().delete(key);
            inv.wrote(key);
            inv.notify(NotifyKeyspaceEvents.GENERIC, "del", key);
        }
        inv.reply().bulk(old == null ? null : old.value());
    }

    private static void mget(Invocation inv) {
        Reply reply = inv.reply();
        reply.array(inv.argc() - 1);
        for (int i = 1; i < inv.argc(); i++) {
            StoredValue v = inv.read(inv.arg(i));
            reply.bulk(v == null || !v.is(ValueType.STRING) ? null : v.value()); // Redis: nil for other types
        }
    }

    private static void mset(Invocation inv, boolean onlyIfNoneExist) {
        if (inv.argc() % 2 == 0) {
            throw new CommandError(Errors.wrongArity(onlyIfNoneExist ? "msetnx" : "mset"));
        }
        if (onlyIfNoneExist) {
            for (int i = 1; i < inv.argc(); i += 2) {
                if (inv.store().peek(inv.arg(i)) != null) {
                    inv.reply().integer(0);
                    return;
                }
            }
        }
        for (int i = 1; i < inv.argc(); i += 2) {
            Writes.put(inv, inv.arg(i), inv.arg(i + 1), 0, "set");
        }
        if (onlyIfNoneExist) {
            inv.reply().integer(1);
        } else {
            inv.reply().ok();
        }
    }

    private static void append(Invocation inv) {
        byte[] key = inv.arg(1);
        byte[] suffix = inv.arg(2);
        StoredValue old = inv.peek(key, ValueType.STRING);
        byte[] value;
        long expireAt = 0;
        if (old == null) {
            value = suffix;
        } else {
            Writes.checkLength(inv, (long) old.value().length + suffix.length);
            value = Arrays.copyOf(old.value(), old.value().length + suffix.length);
            System.arraycopy(suffix, 0, value, old.value().length, suffix.length);
            expireAt = old.expireAtMillis();
        }
        Writes.put(inv, key, value, expireAt, "append");
        inv.reply().integer(value.length);
    }

    private static void strlen(Invocation inv) {
        StoredValue v = inv.peek(inv.arg(1), ValueType.STRING);
        inv.reply().integer(v == null ? 0 : v.value().length);
    }

    private static void getrange(Invocation inv) {
        long start = inv.argLong(2);
        long end = inv.argLong(3);
        StoredValue v = inv.read(inv.arg(1), ValueType.STRING);
        byte[] s = v == null ? new byte[0] : v.value();
        long len = s.length;
        if (start < 0 && end < 0 && start > end) {
            inv.reply().bulk(new byte[0]);
            return;
        }
        if (start < 0) {
            start = Math.max(0, len + start);
        }
        if (end < 0) {
            end = Math.max(0, len + end);
        }
        if (end >= len) {
            end = len - 1;
        }
        if (start > end || len == 0) {
            inv.reply().bulk(new byte[0]);
            return;
        }
        inv.reply().bulk(Arrays.copyOfRange(s, (int) start, (int) end + 1));
    }

    private static void setrange(Invocation inv) {
        byte[] key = inv.arg(1);
        long offset = inv.argLong(2);
        byte[] patch = inv.arg(3);
        if (offset < 0) {
            throw new CommandError(Errors.OFFSET_OUT_OF_RANGE);
        }
        StoredValue old = inv.peek(key, ValueType.STRING);
        byte[] current = old == null ? new byte[0] : old.value();
        if (patch.length == 0) {
            inv.reply().integer(current.length);
            return;
        }
        // offset + length is checked before anything grows (a huge offset must not wrap around).
        Writes.checkLength(inv, offset > Long.MAX_VALUE - patch.length ? Long.MAX_VALUE : offset + patch.length);
        long newLength = Math.max(current.length, offset + patch.length);
        ValueLimit.checkStorable(inv, newLength);
        byte[] value = current.length >= newLength ? current.clone() : Arrays.copyOf(current, (int) newLength);
        System.arraycopy(patch, 0, value, (int) offset, patch.length);
        Writes.put(inv, key, value, old == null ? 0 : old.expireAtMillis(), "setrange");
        inv.reply().integer(value.length);
    }

    private static void decrby(Invocation inv) {
        long by = inv.argLong(2);
        if (by == Long.MIN_VALUE) {
            throw new CommandError("ERR decrement would overflow");
        }
        incrBy(inv, -by);
    }

    private static void incrBy(Invocation inv, long by) {
        byte[] key = inv.arg(1);
        StoredValue old = inv.peek(key, ValueType.STRING);
        long current = old == null ? 0 : Numbers.parseLong(old.value(), Errors.NOT_INTEGER);
        long next;
        try {
            next = Math.addExact(current, by);
        } catch (ArithmeticException e) {
            throw new CommandError(Errors.OVERFLOW);
        }
        Writes.put(inv, key, Numbers.ascii(next), old == null ? 0 : old.expireAtMillis(), "incrby");
        inv.reply().integer(next);
    }

    private static void incrbyfloat(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue old = inv.peek(key, ValueType.STRING); // WRONGTYPE before the increment is parsed, as Redis
        BigDecimal by = decimalOrError(inv.arg(2));
        BigDecimal current = old == null ? BigDecimal.ZERO : decimalOrError(old.value());
        String text = Numbers.formatDecimal(current.add(by));
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        Writes.put(inv, key, bytes, old == null ? 0 : old.expireAtMillis(), "incrbyfloat");
        inv.reply().bulk(bytes);
    }

    /** Redis refuses inf/NaN results; with exact decimals only a non-finite operand could produce them. */
    private static BigDecimal decimalOrError(byte[] text) {
        BigDecimal value = Numbers.tryParseDecimal(text);
        if (value == null) {
            double d = Numbers.parseDouble(text);
            if (Double.isInfinite(d)) {
                throw new CommandError(Errors.NAN_OR_INFINITY);
            }
            throw new CommandError(Errors.NOT_FLOAT);
        }
        return value;
    }
}
