package io.augur.server.testing;

import io.lettuce.core.api.sync.RedisCommands;

import java.util.Map;
import java.util.stream.Collectors;

/** INFO's {@code name:value} lines as a map, and waiting on them. */
public final class InfoFields {

    private InfoFields() {
    }

    public static Map<String, String> parse(String info) {
        return info.lines().filter(l -> l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1),
                        (a, b) -> b));
    }

    /** Waits until the predictor thread has handled every logged access and no prefetch is in flight. */
    public static void awaitPrefetchSettled(RedisCommands<String, String> redis) {
        Await.until("the predictor thread and its prefetches to catch up", () -> parse(redis.info("prefetch")), m ->
                Long.parseLong(m.get("accesslog_handled")) + Long.parseLong(m.get("accesslog_dropped"))
                        >= Long.parseLong(m.get("accesslog_offered")) && m.get("prefetch_inflight").equals("0"));
    }
}
