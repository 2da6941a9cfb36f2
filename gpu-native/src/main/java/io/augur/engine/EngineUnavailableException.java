package io.augur.engine;

/** The native engine cannot run as asked: libtorch failed to load, or a GPU was asked for and none is visible. */
public final class EngineUnavailableException extends Exception {

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
