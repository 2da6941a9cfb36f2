package io.augur.server.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One statistic, declared once with its INFO field name and its metric name (either may be
 * null): INFO and the metrics registry both read it from here, so the two never disagree.
 *
 * @param infoName   the `field` of INFO's `field:value` line, or null when INFO does not show it
 * @param metricName the Micrometer name (Prometheus style, dots), or null when no meter exists
 * @param kind       counter (only grows, until CONFIG RESETSTAT), gauge, or INFO-only text
 * @param baseUnit   the metric's base unit ("bytes"), or null
 * @param number     the value, for meters
 * @param text       the value as INFO prints it
 * @param tags       the meter's tags as key, value pairs (a per-predictor or per-arm meter), usually none
 */
public record Stat(String infoName, String metricName, Kind kind, String description, String baseUnit,
                   DoubleSupplier number, Supplier<Object> text, List<String> tags) {

    public Stat {
        tags = List.copyOf(tags);
    }

    private Stat(String infoName, String metricName, Kind kind, String description, String baseUnit,
                 DoubleSupplier number, Supplier<Object> text) {
        this(infoName, metricName, kind, description, baseUnit, number, text, List.of());
    }

    /** How a registry should expose it. */
    public enum Kind { COUNTER, GAUGE, TEXT }

    /** A count; INFO prints it as an integer. */
    public static Stat counter(String infoName, String metricName, String description, LongSupplier value) {
        return new Stat(infoName, metricName, Kind.COUNTER, description, null, value::getAsLong, value::getAsLong);
    }

    /** A level that goes up and down, printed by INFO as an integer. */
    public static Stat gauge(String infoName, String metricName, String description, LongSupplier value) {
        return new Stat(infoName, metricName, Kind.GAUGE, description, null, value::getAsLong, value::getAsLong);
    }

    /** A fractional level, printed by INFO with {@code infoFormat} (e.g. "%.4f"). */
    public static Stat gauge(String infoName, String metricName, String description, DoubleSupplier value,
                             String infoFormat) {
        return new Stat(infoName, metricName, Kind.GAUGE, description, null, value,
                () -> String.format(Locale.ROOT, infoFormat, value.getAsDouble()));
    }

    /** A value only INFO shows (a name, a state). */
    public static Stat text(String infoName, Supplier<Object> value) {
        return new Stat(infoName, null, Kind.TEXT, "", null, () -> Double.NaN, value);
    }

    /** A fractional level with a meter only (INFO shows it under another shape, or not at all). */
    public static Stat gauge(String metricName, String description, DoubleSupplier value) {
        return new Stat(null, metricName, Kind.GAUGE, description, null, value, value::getAsDouble);
    }

    /** The same statistic with a base unit for its meter. */
    public Stat inUnit(String unit) {
        return new Stat(infoName, metricName, kind, description, unit, number, text, tags);
    }

    /** The same statistic with a meter only (INFO shows it under another shape, or not at all). */
    public Stat metricOnly() {
        return new Stat(null, metricName, kind, description, baseUnit, number, text, tags);
    }

    /** The same statistic with one more meter tag. */
    public Stat tagged(String key, String value) {
        List<String> more = new ArrayList<>(tags);
        more.add(key);
        more.add(value);
        return new Stat(infoName, metricName, kind, description, baseUnit, number, text, more);
    }
}
