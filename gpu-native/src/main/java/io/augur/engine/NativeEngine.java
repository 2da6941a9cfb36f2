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
     * properties (ai.djl.pytorch.num_threads, ai.djl.pytorch.num_interop_threads). WARNING: they
     * must be set before the first Engine.getEngine call in the process; a second load() with other
     * counts cannot change them (it logs a warning). One intra-op thread by default: a next-key
     * forward pass is ~1 ms and mostly fixed cost, so more threads buy little and take Netty's cores.
     *
     * Failure: a missing or mismatched libtorch surfaces as UnsatisfiedLinkError or EngineException
     * (a RuntimeException) from Engine.getEngine; both become EngineUnavailableException so the
     * server can report one line and serve with the baselines.
     */

    private static final Logger LOG = LoggerFactory.getLogger(NativeEngine.class);
    private static final String ENGINE = "PyTorch";
    private static final String INTRA_OP_PROPERTY = "ai.djl.pytorch.num_threads";
    private static final String INTER_OP_PROPERTY = "ai.djl.pytorch.num_interop_threads";
    /** Whether a load already fixed the process's thread counts. */
    private static boolean loadedOnce;

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
        setThreads(settings);
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

    private static synchronized void setThreads(EngineSettings settings) {
        String intra = Integer.toString(settings.intraOpThreads());
        String inter = Integer.toString(settings.interOpThreads());
        if (loadedOnce && (!intra.equals(System.getProperty(INTRA_OP_PROPERTY))
                || !inter.equals(System.getProperty(INTER_OP_PROPERTY)))) {
            LOG.warn("engine already loaded: thread counts {}/{} are ignored (set before the first load)", intra, inter);
            return;
        }
        System.setProperty(INTRA_OP_PROPERTY, intra);
        System.setProperty(INTER_OP_PROPERTY, inter);
        loadedOnce = true;
    }

    static Device chooseDevice(Engine engine, String asked) throws EngineUnavailableException {
        if (asked.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = engine.getGpuCount();
        if (asked.equals("auto")) {
            return gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        int index = asked.equals("gpu") ? 0 : Integer.parseInt(asked.substring(4));
        if (gpus == 0) {
            throw new EngineUnavailableException("device " + asked
                    + " requested but no CUDA GPU is visible (found 0)", null);
        }
        if (index >= gpus) {
            throw new EngineUnavailableException("device " + asked + " requested but CUDA GPU " + index
                    + " is not visible (found " + gpus + ")", null);
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

    /** Whether a tiny tensor operation still runs on the device (cheap; for health checks). */
    public boolean healthy() {
        try {
            warmUp(device);
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("inference engine health check failed on {}: {}", deviceName(), rootMessage(e));
            return false;
        }
    }

    /**
     * Seeds the engine's random generator (weight initialisation), so a training run on the same
     * events gives the same model: replays are repeatable. Process-wide, as the engine is.
     */
    public void seed(long seed) {
        engine.setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** CUDA GPUs the engine sees. */
    public int gpuCount() {
        return engine.getGpuCount();
    }

    @Override
    public void close() {
        // The engine lives as long as the process; nothing to release here.
    }
}
