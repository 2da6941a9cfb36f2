package io.augur.server.cli.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The INFO fields a cache-aside run reports: keyspace counters, and Augur's prefetch and access-log counters. */
public final class ServerCounters {

    /** Reported in this order when the server has them; Redis has only the keyspace ones. */
    public static final List<String> FIELDS = List.of("keyspace_hits", "keyspace_misses", "evicted_keys",
            "prefetch_issued", "prefetch_used", "prefetch_wasted", "accesslog_offered", "accesslog_dropped");

    private ServerCounters() {
    }

    /** The {@link #FIELDS} present in an INFO reply, in that order. */
    public static Map<String, String> parse(String info) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                all.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        Map<String, String> picked = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String v = all.get(field);
            if (v != null) {
                picked.put(field, v);
            }
        }
        return picked;
    }
}
