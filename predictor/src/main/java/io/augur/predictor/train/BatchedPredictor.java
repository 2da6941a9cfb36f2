package io.augur.predictor.train;

import io.augur.predictor.model.Predictor;

import java.util.List;

/**
 * A predictor whose network answers for many clients can be computed ahead, in batched forward
 * passes, so the {@link #predict} calls that follow are lookups (a pass costs about the same for
 * one context as for hundreds).
 */
public interface BatchedPredictor extends Predictor {

    /** Computes the answers {@link #predict} will need for clients whose last reads are these. */
    void precompute(List<ClientReads> clients, int k);

    /** A client's last reads (oldest first) and the time of the last one. */
    record ClientReads(List<byte[]> keys, long lastReadMillis) {
    }
}
