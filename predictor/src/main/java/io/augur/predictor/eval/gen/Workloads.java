package io.augur.predictor.eval.gen;

import java.util.List;

/** Builds a workload by its `augur gen --workload` name. */
public final class Workloads {

    public static final List<String> NAMES = List.of("zipf", "temporal", "ml-epochs", "hft", "gaming",
            "web-sessions", "daily-routes", "per-user", "mix");

    private Workloads() {
    }

    public static Workload create(String name, double alpha) {
        return switch (name) {
            case "zipf" -> new ZipfWorkload(alpha);
            case "temporal" -> new TemporalWorkload();
            case "ml-epochs" -> new MlEpochsWorkload();
            case "hft" -> new HftWorkload();
            case "gaming" -> new GamingWorkload();
            case "web-sessions" -> new WebSessionsWorkload();
            case "daily-routes" -> new DailyRoutesWorkload();
            case "per-user" -> new PerUserWorkload();
            case "mix" -> new MixWorkload();
            default -> throw new IllegalArgumentException("unknown workload '" + name + "' (expected: "
                    + String.join(", ", NAMES) + ")");
        };
    }
}
