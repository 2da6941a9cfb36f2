package io.augur.server.config;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One configuration parameter: its Redis-style name, how to read and apply it, and whether
 * CONFIG SET may change it while the server runs.
 */
public record Setting(String name, String description, Supplier<String> getter, Consumer<String> setter,
                      boolean live) {

    /** Applies a textual value; throws IllegalArgumentException with a Redis-style reason when invalid. */
    public void apply(String value) {
        setter.accept(value);
    }

    public String value() {
        return getter.get();
    }
}
