package io.augur.server.command;

import java.util.concurrent.CompletionStage;

/** Loads the most read keys that are not cached (AUGUR.WARM). */
public interface Warmer {

    /** Whether there is anything to warm from (an origin is configured). */
    boolean available();

    /** Loads up to {@code maxKeys} hot keys that are not cached; completes when every load has finished. */
    CompletionStage<WarmResult> warm(int maxKeys);

    /** No origin: nothing to warm from. */
    Warmer NONE = new Warmer() {
        @Override
        public boolean available() {
            return false;
        }

        @Override
        public CompletionStage<WarmResult> warm(int maxKeys) {
            throw new IllegalStateException("no origin configured");
        }
    };
}
