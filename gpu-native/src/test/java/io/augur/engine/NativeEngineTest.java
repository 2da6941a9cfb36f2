package io.augur.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Loading DJL's PyTorch engine offline and choosing the device. */
class NativeEngineTest {

    @Test
    void load_cpu_runsARealTensorOperation() throws Exception {
        NativeEngine engine = NativeEngine.load(new EngineSettings("cpu", 1, 1));
        assertThat(engine.engineName()).isEqualTo("PyTorch");
        assertThat(engine.engineVersion()).isNotBlank();
        assertThat(engine.deviceName()).isEqualTo("cpu");
        assertThat(engine.healthy()).isTrue();
        assertThat(engine.warmupMillis()).isNotNegative();
        try (NDManager manager = engine.newManager()) {
            NDArray x = manager.create(new float[]{1, 2, 3});
            assertThat(x.mul(2).sum().getFloat()).isEqualTo(12f);
        }
    }

    @Test
    void load_auto_choosesCpuWhereNoGpuIsVisible() throws Exception {
        NativeEngine engine = NativeEngine.load(EngineSettings.defaults());
        if (engine.gpuCount() == 0) {
            assertThat(engine.deviceName()).isEqualTo("cpu");
        } else {
            assertThat(engine.deviceName()).isEqualTo("gpu:0");
        }
    }

    @Test
    void load_gpuWhereNoneIsVisible_failsWithOneClearLine() throws Exception {
        NativeEngine probe = NativeEngine.load(new EngineSettings("cpu", 1, 1));
        assumeTrue(probe.gpuCount() == 0, "a GPU is visible here");
        assertThatThrownBy(() -> NativeEngine.load(new EngineSettings("gpu", 1, 1)))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("device gpu requested but no CUDA GPU is visible (found 0)");
        assertThatThrownBy(() -> NativeEngine.load(new EngineSettings("gpu:3", 1, 1)))
                .hasMessageContaining("device gpu:3 requested");
    }

    @Test
    void settings_badDevice_isRejected() {
        assertThatThrownBy(() -> new EngineSettings("tpu", 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: auto, cpu, gpu or gpu:N");
        assertThatThrownBy(() -> new EngineSettings("gpu:x", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EngineSettings("cpu", 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("engine threads: 0/1 (expected: at least 1 each)");
        assertThat(EngineSettings.of(" GPU:1 ").device()).isEqualTo("gpu:1");
    }
}
