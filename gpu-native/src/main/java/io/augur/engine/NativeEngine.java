package io.augur.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DJL's PyTorch engine, loaded offline with the bundled CPU libtorch (or a host's CUDA libtorch),
 * on the chosen device, with bounded threads, warmed up. One per process.
 */
public final class NativeEngine implements AutoCloseable {

    /*
     * Device choice: "auto" takes GPU 0 when the engine sees one, else the CPU; "gpu"/"gpu:N" with
     * no such GPU is an error, never a silent fallback, so an operator who asked for a GPU knows.
     * A GPU flavour of libtorch is not bundled: a CUDA host provides it (PYTORCH_LIBRARY_PATH,
     * PYTORCH_FLAVOR) and DJL selects it at run time.
     *
     * Threads: PyTorch reads its thread counts once, when the engine loads, from DJL's system
     * properties; WARNING: they must be set before the first Engine.getEngine call in the process.
     */

    private static final Logger LOG = LoggerFactory.getLogger(NativeEngine.class);
    private static final String ENGINE = "PyTorch";

    private final Engine engine;
    private final Device device;
    private final long warmupMillis;

    private NativeEngine(Engine engine, Device device, long warmupMillis) {
        this.engine = engine;
        this.device = device;
        this.warmupMillis = warmupMillis;
    }

    /** Loads the engine on the asked-for device; throws with a one-line reason when it cannot. */
    public static NativeEngine load(EngineSettings settings) throws EngineUnavailableException {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(settings.intraOpThreads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(settings.interOpThreads()));
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE);
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException("PyTorch engine failed to load: " + rootMessage(e), e);
        }
        Device device = chooseDevice(engine, settings.device());
        long start = System.nanoTime();
        try {
            warmUp(device);
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException("PyTorch engine failed its warm-up on " + device + ": "
                    + rootMessage(e), e);
        }
        long warmup = (System.nanoTime() - start) / 1_000_000;
        NativeEngine loaded = new NativeEngine(engine, device, warmup);
        LOG.info("inference engine {} {} on {} (warm-up {} ms, {} intra-op / {} inter-op threads)",
                loaded.engineName(), loaded.engineVersion(), loaded.deviceName(), warmup,
                settings.intraOpThreads(), settings.interOpThreads());
        return loaded;
    }

    static Device chooseDevice(Engine engine, String asked) throws EngineUnavailableException {
        int gpus = engine.getGpuCount();
        if (asked.equals("cpu")) {
            return Device.cpu();
        }
        if (asked.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        int index = asked.equals("gpu") ? 0 : Integer.parseInt(asked.substring(4));
        if (index >= gpus) {
            throw new EngineUnavailableException("device " + asked + " requested but no CUDA GPU " + index
                    + " is visible (found " + gpus + ")", null);
        }
        return Device.gpu(index);
    }

    private static void warmUp(Device device) {
        try (NDManager manager = NDManager.newBaseManager(device, ENGINE)) {
            NDArray a = manager.ones(new Shape(64, 64));
            a.matMul(a).sum().getFloat();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return (m == null ? t.getClass().getSimpleName() : m).lines().findFirst().orElse("");
    }

    /** A new manager on this engine's device; callers close it. */
    public NDManager newManager() {
        return NDManager.newBaseManager(device, ENGINE);
    }

    public String engineName() {
        return engine.getEngineName();
    }

    public String engineVersion() {
        return engine.getVersion();
    }

    public Device device() {
        return device;
    }

    /** "cpu" or "gpu:N". */
    public String deviceName() {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : "cpu";
    }

    public long warmupMillis() {
        return warmupMillis;
    }

    public int gpuCount() {
        return engine.getGpuCount();
    }

    @Override
    public void close() {
        // The engine lives as long as the process; nothing to release here.
    }
}
