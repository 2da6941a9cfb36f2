package io.augur.server.config;

/** Loading the most read keys before clients ask: at start, and while traffic is low. */
public final class WarmingSettings {

    /** Most read keys tracked for warming. */
    public static final int HOT_KEYS = 10_000;

    private volatile int warmOnStart = 1_000;
    private volatile int idleWarmKeys;
    private volatile long idleBelowOps = 100;

    WarmingSettings(ServerConfig config) {
        config.add("warm-on-start", "most read keys of the previous run loaded from the origin at start (0 = none)",
                false, () -> Integer.toString(warmOnStart), v -> warmOnStart = ConfigValues.parseInt(v, 0, HOT_KEYS));
        config.add("idle-warm", "most read keys per second loaded from the origin while traffic is low "
                + "(0 = off); it stops as soon as traffic passes idle-below-ops", true,
                () -> Integer.toString(idleWarmKeys), v -> idleWarmKeys = ConfigValues.parseInt(v, 0, 10_000));
        config.add("idle-below-ops", "commands per second under which the server counts as idle (idle-warm)", true,
                () -> Long.toString(idleBelowOps), v -> idleBelowOps = ConfigValues.parseLong(v, 0, 100_000_000));
    }

    public int warmOnStart() { return warmOnStart; }
    public int idleWarmKeys() { return idleWarmKeys; }
    public long idleBelowOps() { return idleBelowOps; }
}
