package io.augur.server.command.hash;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.command.collection.Element;
import io.augur.server.command.collection.ElementScan;
import io.augur.server.command.collection.Fields;
import io.augur.server.command.collection.RandomCount;
import io.augur.server.command.collection.RandomDraw;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The hash family: HSET and friends, counters, HRANDFIELD, HSCAN. */
public final class HashCommands {

    private static final String NOT_INTEGER = "ERR hash value is not an integer";
    private static final String NOT_FLOAT = "ERR hash value is not a float";

    private HashCommands() {
    }

    public static void register(CommandTable t) {
        t.command("hset", -4).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Creates or modifies the value of a field in a hash.").run(inv -> hset(inv, "hset"));
        t.command("hmset", -4).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Sets the values of multiple fields.").run(inv -> hset(inv, "hmset"));
        t.command("hsetnx", 4).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Sets the value of a field in a hash only when the field doesn't exist.")
                .run(HashCommands::hsetnx);
        t.command("hget", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Returns the value of a field in a hash.").run(HashCommands::hget);
        t.command("hmget", -3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Returns the values of all fields in a hash.").run(HashCommands::hmget);
        t.command("hgetall", 2).flags("readonly").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Returns all fields and values in a hash.").run(HashCommands::hgetall);
        t.command("hkeys", 2).flags("readonly").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Returns all fields in a hash.").run(inv -> listing(inv, true));
        t.command("hvals", 2).flags("readonly").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Returns all values in a hash.").run(inv -> listing(inv, false));
        t.command("hdel", -3).flags("write", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.")
                .run(HashCommands::hdel);
        t.command("hexists", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Determines whether a field exists in a hash.").run(HashCommands::hexists);
        t.command("hlen", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Returns the number of fields in a hash.").run(HashCommands::hlen);
        t.command("hstrlen", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("hash", "3.2.0", "Returns the length of the value of a field.").run(HashCommands::hstrlen);
        t.command("hincrby", 4).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("hash", "2.0.0", "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.")
                .run(HashCommands::hincrby);
        t.command("hincrbyfloat", 4).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("hash", "2.6.0", "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.")
                .run(HashCommands::hincrbyfloat);
        t.command("hrandfield", -2).flags("readonly").keys(1, 1, 1)
                .doc("hash", "6.2.0", "Returns one or more random fields from a hash.").run(HashCommands::hrandfield);
        t.command("hscan", -3).flags("readonly").keys(1, 1, 1)
                .doc("hash", "2.8.0", "Iterates over fields and values of a hash.").run(HashCommands::hscan);
    }

    private static LinkedHashMap<Element, byte[]> read(Invocation inv, byte[] key) {
        return HashValue.load(inv.read(key, ValueType.HASH));
    }

    /** A counted read of a few fields: a paged hash is not assembled. */
    private static Fields readFields(Invocation inv, byte[] key) {
        return HashValue.open(inv, key, inv.shallowRead(key, ValueType.HASH));
    }

    /** The hash about to change, field by field. */
    private static Fields writeFields(Invocation inv, byte[] key) {
        return HashValue.open(inv, key, inv.shallowPeek(key, ValueType.HASH));
    }

    private static void hset(Invocation inv, String name) {
        if (inv.argc() % 2 != 0) {
            throw new CommandError(Errors.wrongArity(name));
        }
        Fields fields = writeFields(inv, inv.arg(1));
        int created = 0;
        for (int i = 2; i < inv.argc(); i += 2) {
            if (fields.put(inv.arg(i), inv.arg(i + 1)) == null) {
                created++;
            }
        }
        fields.save("hset");
        if (name.equals("hmset")) {
            inv.reply().ok();
        } else {
            inv.reply().integer(created);
        }
    }

    private static void hsetnx(Invocation inv) {
        Fields fields = writeFields(inv, inv.arg(1));
        if (fields.get(inv.arg(2)) != null) {
            inv.reply().integer(0);
            return;
        }
        fields.put(inv.arg(2), inv.arg(3));
        fields.save("hset");
        inv.reply().integer(1);
    }

    private static void hget(Invocation inv) {
        inv.reply().bulk(readFields(inv, inv.arg(1)).get(inv.arg(2)));
    }

    private static void hmget(Invocation inv) {
        Fields fields = readFields(inv, inv.arg(1));
        inv.reply().array(inv.argc() - 2);
        for (int i = 2; i < inv.argc(); i++) {
            inv.reply().bulk(fields.get(inv.arg(i)));
        }
    }

    private static void hgetall(Invocation inv) {
        LinkedHashMap<Element, byte[]> fields = read(inv, inv.arg(1));
        inv.reply().map(fields.size());
        for (Map.Entry<Element, byte[]> e : fields.entrySet()) {
            inv.reply().bulk(e.getKey().bytes());
            inv.reply().bulk(e.getValue());
        }
    }

    private static void listing(Invocation inv, boolean keys) {
        LinkedHashMap<Element, byte[]> fields = read(inv, inv.arg(1));
        inv.reply().array(fields.size());
        for (Map.Entry<Element, byte[]> e : fields.entrySet()) {
            inv.reply().bulk(keys ? e.getKey().bytes() : e.getValue());
        }
    }

    private static void hdel(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue old = inv.shallowPeek(key, ValueType.HASH);
        if (old == null) {
            inv.reply().integer(0);
            return;
        }
        Fields fields = HashValue.open(inv, key, old);
        int removed = 0;
        for (int i = 2; i < inv.argc() && fields.size() > 0; i++) {
            if (fields.remove(inv.arg(i)) != null) {
                removed++;
            }
        }
        fields.save("hdel");
        inv.reply().integer(removed);
    }

    private static void hexists(Invocation inv) {
        inv.reply().integer(readFields(inv, inv.arg(1)).get(inv.arg(2)) != null ? 1 : 0);
    }

    private static void hlen(Invocation inv) {
        inv.reply().integer(readFields(inv, inv.arg(1)).size());
    }

    private static void hstrlen(Invocation inv) {
        byte[] value = readFields(inv, inv.arg(1)).get(inv.arg(2));
        inv.reply().integer(value == null ? 0 : value.length);
    }

    private static void hincrby(Invocation inv) {
        long by = inv.argLong(3);
        Fields fields = writeFields(inv, inv.arg(1));
        byte[] field = inv.arg(2);
        byte[] current = fields.get(field);
        long value = current == null ? 0 : Numbers.parseLong(current, NOT_INTEGER);
        long next;
        try {
            next = Math.addExact(value, by);
        } catch (ArithmeticException e) {
            throw new CommandError(Errors.OVERFLOW);
        }
        fields.put(field, Numbers.ascii(next));
        fields.save("hincrby");
        inv.reply().integer(next);
    }

    private static void hincrbyfloat(Invocation inv) {
        BigDecimal by = Numbers.tryParseDecimal(inv.arg(3));
        if (by == null) {
            Numbers.parseDouble(inv.arg(3)); // NOT_FLOAT unless it is an infinity
            throw new CommandError("ERR value is NaN or Infinity");
        }
        Fields fields = writeFields(inv, inv.arg(1));
        byte[] field = inv.arg(2);
        byte[] current = fields.get(field);
        BigDecimal value = BigDecimal.ZERO;
        if (current != null) {
            value = Numbers.tryParseDecimal(current);
            if (value == null) {
                boolean infinite;
                try {
                    infinite = Double.isInfinite(Numbers.parseDouble(current));
                } catch (CommandError notAFloat) {
                    throw new CommandError(NOT_FLOAT);
                }
                throw new CommandError(infinite ? Errors.NAN_OR_INFINITY : NOT_FLOAT);
            }
        }
        byte[] text = Numbers.formatDecimal(value.add(by)).getBytes(StandardCharsets.US_ASCII);
        fields.put(field, text);
        fields.save("hincrbyfloat");
        inv.reply().bulk(text);
    }

    private static void hrandfield(Invocation inv) {
        if (inv.argc() == 2) {
            List<byte[]> picked = randomPairs(inv, 1);
            inv.reply().bulk(picked.isEmpty() ? null : picked.get(0));
            return;
        }
        long count = RandomCount.parse(inv, 2);
        boolean withValues = false;
        if (inv.argc() == 4 && inv.argLower(3).equals("withvalues")) {
            withValues = true;
        } else if (inv.argc() > 3) {
            throw new CommandError(Errors.SYNTAX);
        }
        List<byte[]> picked = randomPairs(inv, count);
        Reply reply = inv.reply();
        boolean nested = withValues && reply.version() == io.augur.protocol.RespVersion.RESP3;
        reply.array(withValues && !nested ? picked.size() : picked.size() / 2);
        for (int i = 0; i < picked.size(); i += 2) {
            if (nested) {
                reply.array(2);
            }
            reply.bulk(picked.get(i));
            if (withValues) {
                reply.bulk(picked.get(i + 1));
            }
        }
    }

    /** HRANDFIELD's picks as flat field/value pairs: drawn from a large hash's pages, else from the whole hash. */
    private static List<byte[]> randomPairs(Invocation inv, long count) {
        StoredValue shallow = inv.shallowRead(inv.arg(1), ValueType.HASH);
        List<byte[]> picked = RandomDraw.pairs(inv, inv.arg(1), shallow, count); // a large hash
        if (picked == null) {
            List<Map.Entry<Element, byte[]>> entries =
                    new ArrayList<>(HashValue.load(RandomDraw.whole(inv, inv.arg(1), ValueType.HASH, shallow)).entrySet());
            picked = new ArrayList<>();
            for (int i : RandomCount.pick(count, entries.size())) {
                picked.add(entries.get(i).getKey().bytes());
                picked.add(entries.get(i).getValue());
            }
        }
        return picked;
    }

    private static void hscan(Invocation inv) {
        ElementScan.checkCursor(inv);
        StoredValue stored = inv.read(inv.arg(1), ValueType.HASH);
        if (stored == null) {
            ElementScan.replyEmpty(inv);
            return;
        }
        Predicate<byte[]> match = ElementScan.matcher(inv);
        List<byte[]> found = new ArrayList<>();
        for (Map.Entry<Element, byte[]> e : HashValue.load(stored).entrySet()) {
            if (match.test(e.getKey().bytes())) {
                found.add(e.getKey().bytes());
                found.add(e.getValue());
            }
        }
        ElementScan.reply(inv, found);
    }
}
