package io.augur.server.command.set;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.server.command.collection.Fields;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.command.collection.Element;
import io.augur.server.command.collection.ElementScan;
import io.augur.server.command.collection.RandomCount;
import io.augur.server.command.collection.RandomDraw;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Predicate;

/** The set family: SADD and friends, random picks, moves, the algebra (with *STORE), SINTERCARD, SSCAN. */
public final class SetCommands {

    private SetCommands() {
    }

    public static void register(CommandTable t) {
        t.command("sadd", -3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("set", "1.0.0", "Adds one or more members to a set. Creates the key if it doesn't exist.").run(SetCommands::sadd);
        t.command("srem", -3).flags("write", "fast").keys(1, 1, 1)
                .doc("set", "1.0.0", "Removes one or more members from a set. Deletes the set if the last member was removed.")
                .run(SetCommands::srem);
        t.command("smembers", 2).flags("readonly").keys(1, 1, 1)
                .doc("set", "1.0.0", "Returns all members of a set.").run(SetCommands::smembers);
        t.command("sismember", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("set", "1.0.0", "Determines whether a member belongs to a set.").run(SetCommands::sismember);
        t.command("smismember", -3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("set", "6.2.0", "Determines whether multiple members belong to a set.").run(SetCommands::smismember);
        t.command("scard", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("set", "1.0.0", "Returns the number of members in a set.").run(SetCommands::scard);
        t.command("spop", -2).flags("write", "fast").keys(1, 1, 1)
                .doc("set", "1.0.0", "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.")
                .run(SetCommands::spop);
        t.command("srandmember", -2).flags("readonly").keys(1, 1, 1)
                .doc("set", "1.0.0", "Get one or multiple random members from a set").run(SetCommands::srandmember);
        t.command("smove", 4).flags("write", "fast").keys(1, 2, 1)
                .doc("set", "1.0.0", "Moves a member from one set to another.").run(SetCommands::smove);
        t.command("sinter", -2).flags("readonly").keys(1, -1, 1)
                .doc("set", "1.0.0", "Returns the intersect of multiple sets.").run(inv -> algebra(inv, SetAlgebra.Op.INTER, false));
        t.command("sunion", -2).flags("readonly").keys(1, -1, 1)
                .doc("set", "1.0.0", "Returns the union of multiple sets.").run(inv -> algebra(inv, SetAlgebra.Op.UNION, false));
        t.command("sdiff", -2).flags("readonly").keys(1, -1, 1)
                .doc("set", "1.0.0", "Returns the difference of multiple sets.").run(inv -> algebra(inv, SetAlgebra.Op.DIFF, false));
        t.command("sinterstore", -3).flags("write", "denyoom").keys(1, -1, 1)
                .doc("set", "1.0.0", "Stores the intersect of multiple sets in a key.").run(inv -> algebra(inv, SetAlgebra.Op.INTER, true));
        t.command("sunionstore", -3).flags("write", "denyoom").keys(1, -1, 1)
                .doc("set", "1.0.0", "Stores the union of multiple sets in a key.").run(inv -> algebra(inv, SetAlgebra.Op.UNION, true));
        t.command("sdiffstore", -3).flags("write", "denyoom").keys(1, -1, 1)
                .doc("set", "1.0.0", "Stores the difference of multiple sets in a key.").run(inv -> algebra(inv, SetAlgebra.Op.DIFF, true));
        t.command("sintercard", -3).flags("readonly").keys(2, 2, 1)
                .doc("set", "7.0.0", "Returns the number of members of the intersect of multiple sets.").run(SetCommands::sintercard);
        t.command("sscan", -3).flags("readonly").keys(1, 1, 1)
                .doc("set", "2.6.0", "Iterates over members of a set.").run(SetCommands::sscan);
    }

    private static void sadd(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue old = inv.shallowPeek(key, ValueType.SET);
        if (old != null && old.paged()) {
            inv.reply().integer(SetValue.addPaged(inv, key, old));
            return;
        }
        LinkedHashSet<Element> members = SetValue.load(old);
        int added = 0;
        for (int i = 2; i < inv.argc(); i++) {
            if (members.add(new Element(inv.arg(i)))) {
                added++;
            }
        }
        if (added > 0) {
            CollectionWrites.store(inv, key, ValueType.SET, SetValue.ordered(members), old, "sadd");
        }
        inv.reply().integer(added);
    }

    private static void srem(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue old = inv.shallowPeek(key, ValueType.SET);
        if (old != null && old.paged()) {
            inv.reply().integer(SetValue.removePaged(inv, key, old));
            return;
        }
        LinkedHashSet<Element> members = SetValue.load(old);
        int removed = 0;
        for (int i = 2; i < inv.argc(); i++) {
            if (members.remove(new Element(inv.arg(i)))) {
                removed++;
            }
        }
        if (removed > 0) {
            CollectionWrites.store(inv, key, ValueType.SET, SetValue.ordered(members), old, "srem");
        }
        inv.reply().integer(removed);
    }

    private static void smembers(Invocation inv) {
        replySet(inv.reply(), SetValue.ordered(SetValue.load(inv.read(inv.arg(1), ValueType.SET))));
    }

    private static void replySet(Reply reply, List<byte[]> members) {
        reply.set(members.size());
        for (byte[] m : members) {
            reply.bulk(m);
        }
    }

    private static void sismember(Invocation inv) {
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.SET);
        boolean member = stored != null && stored.paged() ? inv.store().fieldGet(inv.arg(1), inv.arg(2)) != null
                : SetValue.load(stored).contains(new Element(inv.arg(2)));
        inv.reply().integer(member ? 1 : 0);
    }

    private static void smismember(Invocation inv) {
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.SET);
        boolean paged = stored != null && stored.paged(); // a large set: one bucket page per member asked
        LinkedHashSet<Element> members = paged ? null : SetValue.load(stored);
        inv.reply().array(inv.argc() - 2);
        for (int i = 2; i < inv.argc(); i++) {
            boolean member = paged ? inv.store().fieldGet(inv.arg(1), inv.arg(i)) != null
                    : members.contains(new Element(inv.arg(i)));
            inv.reply().integer(member ? 1 : 0);
        }
    }

    private static void scard(Invocation inv) {
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.SET);
        inv.reply().integer(stored != null && stored.paged() ? stored.pagedCount() : SetValue.load(stored).size());
    }

    private static void spop(Invocation inv) {
        if (inv.argc() > 3) {
            throw new CommandError(Errors.SYNTAX);
        }
        long count = 1;
        if (inv.argc() == 3) {
            count = Numbers.parseLong(inv.arg(2), "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new CommandError("ERR value is out of range, must be positive");
            }
        }
        byte[] key = inv.arg(1);
        StoredValue shallow = inv.shallowPeek(key, ValueType.SET);
        List<byte[]> drawn = shallow == null || count <= 0 ? null : RandomDraw.fields(RandomDraw.pairs(inv, key, shallow, count));
        if (drawn != null) { // a large set: the drawn members leave one by one
            Fields fields = Fields.paged(inv, key, shallow);
            drawn.forEach(fields::remove);
            fields.save("spop");
            if (inv.argc() == 3) {
                replySet(inv.reply(), drawn);
            } else {
                inv.reply().bulk(drawn.get(0));
            }
            return;
        }
        StoredValue old = inv.peek(key, ValueType.SET);
        if (old == null) {
            if (inv.argc() == 3) {
                inv.reply().set(0);
            } else {
                inv.reply().nullBulk();
            }
            return;
        }
        List<byte[]> members = SetValue.ordered(SetValue.load(old));
        List<byte[]> popped = new ArrayList<>();
        if (count >= members.size()) {
            popped.addAll(members);
            members.clear();
        } else {
            for (int index : RandomCount.pick(count, members.size())) {
                popped.add(members.get(index));
            }
            LinkedHashSet<Element> left = new LinkedHashSet<>();
            members.forEach(m -> left.add(new Element(m)));
            popped.forEach(p -> left.remove(new Element(p)));
            members = SetValue.ordered(left);
        }
        if (!popped.isEmpty()) {
            CollectionWrites.store(inv, key, ValueType.SET, members, old, "spop");
        }
        if (inv.argc() == 3) {
            replySet(inv.reply(), popped);
        } else {
            inv.reply().bulk(popped.get(0));
        }
    }

    private static void srandmember(Invocation inv) {
        if (inv.argc() > 3) {
            throw new CommandError(Errors.SYNTAX);
        }
        long count = inv.argc() == 2 ? 1 : RandomCount.parse(inv, 2);
        StoredValue shallow = inv.shallowRead(inv.arg(1), ValueType.SET);
        List<byte[]> drawn = RandomDraw.fields(RandomDraw.pairs(inv, inv.arg(1), shallow, count));
        if (drawn != null) { // a large set
            if (inv.argc() == 2) {
                inv.reply().bulk(drawn.get(0));
            } else {
                inv.reply().array(drawn.size());
                drawn.forEach(inv.reply()::bulk);
            }
            return;
        }
        if (inv.argc() == 2) {
            List<byte[]> members = SetValue.ordered(SetValue.load(RandomDraw.whole(inv, inv.arg(1), ValueType.SET, shallow)));
            List<Integer> pick = RandomCount.pick(1, members.size());
            inv.reply().bulk(pick.isEmpty() ? null : members.get(pick.get(0)));
            return;
        }
        List<byte[]> members = SetValue.ordered(SetValue.load(RandomDraw.whole(inv, inv.arg(1), ValueType.SET, shallow)));
        List<Integer> picks = RandomCount.pick(count, members.size());
        inv.reply().array(picks.size());
        for (int i : picks) {
            inv.reply().bulk(members.get(i));
        }
    }

    private static void smove(Invocation inv) {
        byte[] source = inv.arg(1);
        byte[] destination = inv.arg(2);
        StoredValue from = inv.store().peek(source);
        StoredValue to = inv.store().peek(destination);
        if (from == null) {
            inv.reply().integer(0);
            return;
        }
        Invocation.checkType(from, ValueType.SET);
        Invocation.checkType(to, ValueType.SET);
        Element member = new Element(inv.arg(3));
        LinkedHashSet<Element> fromMembers = SetValue.load(from);
        if (java.util.Arrays.equals(source, destination)) {
            inv.reply().integer(fromMembers.contains(member) ? 1 : 0);
            return;
        }
        if (!fromMembers.remove(member)) {
            inv.reply().integer(0);
            return;
        }
        CollectionWrites.store(inv, source, ValueType.SET, SetValue.ordered(fromMembers), from, "srem");
        LinkedHashSet<Element> toMembers = SetValue.load(to);
        if (toMembers.add(member)) {
            CollectionWrites.store(inv, destination, ValueType.SET, SetValue.ordered(toMembers), to, "sadd");
        }
        inv.reply().integer(1);
    }

    private static void algebra(Invocation inv, SetAlgebra.Op op, boolean store) {
        int first = store ? 2 : 1;
        List<LinkedHashSet<Element>> sets = new ArrayList<>();
        for (int i = first; i < inv.argc(); i++) {
            StoredValue v = store ? inv.peek(inv.arg(i), ValueType.SET) : inv.read(inv.arg(i), ValueType.SET);
            sets.add(SetValue.load(v));
        }
        List<byte[]> result = SetValue.ordered(SetAlgebra.apply(op, sets, 0));
        if (store) {
            CollectionWrites.replace(inv, inv.arg(1), ValueType.SET, result, op.storeEvent());
            inv.reply().integer(result.size());
        } else {
            replySet(inv.reply(), result);
        }
    }

    private static void sintercard(Invocation inv) {
        long numkeys = Numbers.parseLong(inv.arg(1), "ERR numkeys should be greater than 0");
        if (numkeys < 1) {
            throw new CommandError("ERR numkeys should be greater than 0");
        }
        if (numkeys > inv.argc() - 2) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int i = 2 + (int) numkeys; i < inv.argc(); i++) {
            if (inv.argLower(i).equals("limit") && i + 1 < inv.argc()) {
                limit = Numbers.parseLong(inv.arg(++i), "ERR LIMIT can't be negative");
                if (limit < 0) {
                    throw new CommandError("ERR LIMIT can't be negative");
                }
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        List<LinkedHashSet<Element>> sets = new ArrayList<>();
        for (int i = 2; i < 2 + numkeys; i++) {
            sets.add(SetValue.load(inv.read(inv.arg(i), ValueType.SET)));
        }
        inv.reply().integer(SetAlgebra.apply(SetAlgebra.Op.INTER, sets, limit).size());
    }

    private static void sscan(Invocation inv) {
        ElementScan.checkCursor(inv);
        StoredValue stored = inv.read(inv.arg(1), ValueType.SET);
        if (stored == null) {
            ElementScan.replyEmpty(inv);
            return;
        }
        Predicate<byte[]> match = ElementScan.matcher(inv);
        ElementScan.reply(inv, SetValue.ordered(SetValue.load(stored)).stream().filter(match).toList());
    }
}
