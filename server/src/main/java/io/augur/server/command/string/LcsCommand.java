package io.augur.server.command.string;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest common subsequence by
 * Redis's dynamic programme (an (a+1)(b+1) table of 32-bit lengths), walked back the same way so
 * that IDX reports the same ranges in the same order.
 */
final class LcsCommand {

    private LcsCommand() {
    }

    private record Match(int aStart, int aEnd, int bStart, int bEnd) {
        int length() {
            return aEnd - aStart + 1;
        }
    }

    static void execute(Invocation inv) {
        StoredValue va = inv.read(inv.arg(1));
        StoredValue vb = inv.read(inv.arg(2));
        if ((va != null && !va.is(ValueType.STRING)) || (vb != null && !vb.is(ValueType.STRING))) {
            throw new CommandError("ERR The specified keys must contain string values");
        }
        byte[] a = va == null ? new byte[0] : va.value();
        byte[] b = vb == null ? new byte[0] : vb.value();
        boolean getIdx = false;
        boolean getLen = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < inv.argc(); j++) {
            String opt = inv.argLower(j);
            boolean more = j < inv.argc() - 1;
            switch (opt) {
                case "idx" -> getIdx = true;
                case "len" -> getLen = true;
                case "withmatchlen" -> withMatchLen = true;
                default -> {
                    if (!opt.equals("minmatchlen") || !more) {
                        throw new CommandError(Errors.SYNTAX);
                    }
                    minMatchLen = Math.max(0, inv.argLong(++j));
                }
            }
        }
        if (getIdx && getLen) {
            throw new CommandError("ERR If you want both the length and indexes, please just use IDX.");
        }
        long tableBytes = ((long) a.length + 1) * ((long) b.length + 1) * Integer.BYTES;
        if (tableBytes > inv.server().config().protoMaxBulkLen()) {
            throw new CommandError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        // Redis's allocation failure, decided before allocating: a table past a quarter of the heap
        // would starve the rest of the server (proto-max-bulk-len allows 512 MB; the heap is 256 MB).
        if (tableBytes > Runtime.getRuntime().maxMemory() / 4) {
            throw new CommandError("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        int[] table = new int[(int) (tableBytes / Integer.BYTES)];
        int width = b.length + 1;
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i * width + j] = a[i - 1] == b[j - 1]
                        ? table[(i - 1) * width + j - 1] + 1
                        : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
            }
        }
        int length = table[a.length * width + b.length];
        Reply reply = inv.reply();
        if (getLen) {
            reply.integer(length);
            return;
        }
        byte[] common = new byte[length];
        List<Match> matches = new ArrayList<>();
        int idx = length;
        int i = a.length;
        int j = b.length;
        int aStart = -1;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                common[--idx] = a[i - 1];
                if (aStart < 0) {
                    aStart = aEnd = i - 1;
                    bStart = bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                emit = aStart >= 0;
            }
            if (emit) {
                Match m = new Match(aStart, aEnd, bStart, bEnd);
                if (minMatchLen == 0 || m.length() >= minMatchLen) {
                    matches.add(m);
                }
                aStart = -1;
            }
        }
        if (!getIdx) {
            reply.bulk(common);
            return;
        }
        reply.map(2);
        reply.bulk("matches");
        reply.array(matches.size());
        for (Match m : matches) {
            reply.array(withMatchLen ? 3 : 2);
            reply.array(2);
            reply.integer(m.aStart());
            reply.integer(m.aEnd());
            reply.array(2);
            reply.integer(m.bStart());
            reply.integer(m.bEnd());
            if (withMatchLen) {
                reply.integer(m.length());
            }
        }
        reply.bulk("len");
        reply.integer(length);
    }
}
