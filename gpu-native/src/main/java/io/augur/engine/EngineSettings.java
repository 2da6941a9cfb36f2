package io.augur.engine;

import java.util.Locale;
import java.util.Objects;

/**
 * Which device to run on and how many threads inference may use.
 *
 * @param device         "auto" (GPU when one is visible, else CPU), "cpu", "gpu" or "gpu:N"
 * @param intraOpThreads threads inside one operator; kept low so inference leaves cores for Netty
 * @param interOpThreads threads across operators
 */
public record EngineSettings(String device, int intraOpThreads, int interOpThreads) {

    public EngineSettings {
        Objects.requireNonNull(device, "device");
        device = device.trim().toLowerCase(Locale.ROOT);
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("gpu") && !device.matches("gpu:\\d{1,2}")) {
            throw new IllegalArgumentException("device: " + device + " (expected: auto, cpu, gpu or gpu:N)");
        }
        if (intraOpThreads < 1 || interOpThreads < 1) {
            throw new IllegalArgumentException("engine threads: " + intraOpThreads + "/" + interOpThreads
                    + " (expected: at least 1 each)");
        }
    }

    /** The given device with one intra-op and one inter-op thread. */
    public static EngineSettings of(String device) {
        return new EngineSettings(device, 1, 1);
    }

    /** CPU or GPU as available, one thread each: the server's default. */
    public static EngineSettings defaults() {
        return new EngineSettings("auto", 1, 1);
    }
}
