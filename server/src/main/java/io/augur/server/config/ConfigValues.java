package io.augur.server.config;

import java.util.Locale;

/** Parses and formats configuration values the way redis-server does (memory units, yes/no). */
public final class ConfigValues {

    private ConfigValues() {
    }

    /** Redis's memtoull: a plain byte count or a number with k, kb, m, mb, g, gb (k = 1000, kb = 1024). */
    public static long parseMemory(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String[][] units = {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"},
                {"g", "1000000000"}, {"m", "1000000"}, {"k", "1000"}, {"b", "1"}};
        for (String[] unit : units) {
            if (s.endsWith(unit[0])) {
                multiplier = Long.parseLong(unit[1]);
                s = s.substring(0, s.length() - unit[0].length());
                break;
            }
        }
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
        try {
            return Math.multiplyExact(Long.parseLong(s), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("argument must be a memory value");
        }
    }

    public static boolean parseYesNo(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException("argument must be 'yes' or 'no'");
        };
    }

    public static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    public static long parseLong(String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument couldn't be parsed into an integer");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("argument must be between " + min + " and " + max + " inclusive");
        }
        return value;
    }

    public static int parseInt(String text, int min, int max) {
        return (int) parseLong(text, min, max);
    }

    /** A fraction in [0, 1]. */
    public static double parseFraction(String value) {
        double d = parseDouble(value);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException("argument must be between 0 and 1");
        }
        return d;
    }

    /** A share of one core in [0.01, 1]. */
    public static double parseShare(String value) {
        double d = parseDouble(value);
        if (d < 0.01 || d > 1) {
            throw new IllegalArgumentException("argument must be between 0.01 and 1");
        }
        return d;
    }

    /** A number above zero. */
    public static double parsePositive(String value) {
        double d = parseDouble(value);
        if (d <= 0) {
            throw new IllegalArgumentException("argument must be positive");
        }
        return d;
    }

    private static double parseDouble(String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument must be a number");
        }
    }
}
