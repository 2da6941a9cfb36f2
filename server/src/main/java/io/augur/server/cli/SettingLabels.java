package io.augur.server.cli;

import io.augur.server.config.Setting;

import java.util.Locale;
import java.util.Map;

/**
 * How `augur serve --help` names each setting's value (`--maxmemory=BYTES`, `--origin=URI`) and
 * shows its default as a user would type it (`1mb`, not `1048576`).
 */
final class SettingLabels {

    /** Labels by setting name; a setting not listed gets the last word of its name (`--foo-entries=ENTRIES`). */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("port", "PORT"), Map.entry("tls-port", "PORT"), Map.entry("metrics-port", "PORT"),
            Map.entry("bind", "ADDRESS"), Map.entry("metrics-bind", "ADDRESS"),
            Map.entry("dir", "DIR"),
            Map.entry("maxmemory", "BYTES"), Map.entry("proto-max-bulk-len", "BYTES"),
            Map.entry("max-value-size", "BYTES"),
            Map.entry("client-output-buffer-limit", "'normal HARD SOFT SECONDS'"),
            Map.entry("maxmemory-policy", "POLICY"),
            Map.entry("requirepass", "PASSWORD"),
            Map.entry("save", "RULES"), Map.entry("loglevel", "LEVEL"),
            Map.entry("origin", "URI"),
            Map.entry("device", "DEVICE"),
            Map.entry("predictor", "NAME"), Map.entry("ab-test", "NAME"),
            Map.entry("shadow-predictors", "NAMES"),
            Map.entry("prefetch-context", "MODE"),
            Map.entry("timeout", "SECONDS"), Map.entry("prefetch-ttl", "SECONDS"),
            Map.entry("read-through-ttl", "SECONDS"), Map.entry("train-interval", "SECONDS"),
            Map.entry("lua-time-limit", "MILLIS"), Map.entry("origin-timeout", "MILLIS"),
            Map.entry("prefetch-dedup-window", "MILLIS"),
            Map.entry("auto-switch-margin", "FRACTION"), Map.entry("drift-margin", "FRACTION"),
            Map.entry("predictor-cpu", "FRACTION"), Map.entry("prefetch-staging", "FRACTION"),
            Map.entry("prefetch-min-confidence", "P"), Map.entry("prefetch-min-precision", "P"),
            Map.entry("prefetch-max-rate", "PER_SECOND"), Map.entry("idle-warm", "PER_SECOND"),
            Map.entry("idle-below-ops", "PER_SECOND"),
            Map.entry("tls-cert-file", "FILE"), Map.entry("tls-key-file", "FILE"),
            Map.entry("tls-ca-cert-file", "FILE"),
            Map.entry("maxmemory-samples", "N"), Map.entry("maxclients", "N"), Map.entry("hz", "N"),
            Map.entry("store-entries", "N"), Map.entry("io-threads", "N"), Map.entry("databases", "N"),
            Map.entry("accesslog-size", "N"), Map.entry("drift-window", "N"), Map.entry("engine-threads", "N"),
            Map.entry("model-vocabulary", "N"), Map.entry("origin-max-concurrent", "N"),
            Map.entry("prefetch-max-inflight", "N"), Map.entry("prefetch-top-k", "N"),
            Map.entry("shadow-horizon", "N"), Map.entry("train-day-memory", "N"),
            Map.entry("train-min-events", "N"), Map.entry("train-window", "N"), Map.entry("warm-on-start", "N"));

    private static final long KB = 1024;
    private static final long MB = KB * 1024;
    private static final long GB = MB * 1024;

    private SettingLabels() {
    }

    static String label(Setting setting) {
        String label = LABELS.get(setting.name());
        if (label != null) {
            return label;
        }
        String name = setting.name();
        return name.substring(name.lastIndexOf('-') + 1).toUpperCase(Locale.ROOT);
    }

    /** The default as a user types it: sizes with a unit, nothing when empty. */
    static String defaultValue(Setting setting) {
        String value = setting.value();
        if (value.isEmpty()) {
            return "none";
        }
        String label = label(setting);
        if (label.equals("BYTES")) {
            return size(value);
        }
        if (setting.name().equals("client-output-buffer-limit")) {
            String[] parts = value.split(" ");
            if (parts.length == 4) {
                return parts[0] + " " + size(parts[1]) + " " + size(parts[2]) + " " + parts[3];
            }
        }
        return value;
    }

    /** 1048576 → 1mb; a count of bytes that is no whole kb, mb or gb stays as it is. */
    static String size(String bytes) {
        long n;
        try {
            n = Long.parseLong(bytes);
        } catch (NumberFormatException e) {
            return bytes;
        }
        if (n == 0) {
            return "0";
        }
        if (n % GB == 0) {
            return n / GB + "gb";
        }
        if (n % MB == 0) {
            return n / MB + "mb";
        }
        if (n % KB == 0) {
            return n / KB + "kb";
        }
        return bytes;
    }
}
