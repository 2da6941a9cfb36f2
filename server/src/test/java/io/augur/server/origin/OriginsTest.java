package io.augur.server.origin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OriginsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "none", "NONE"})
    void open_noneOrEmpty_failsEveryFetchWithNoOriginConfigured(String uri) {
        try (Origin origin = Origins.open(uri, OriginSettings.defaults())) {
            assertThat(origin.describe()).isEqualTo("none");
            assertThatThrownBy(() -> origin.fetch(new byte[] {1}).get(1, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class)
                    .hasMessageContaining("no origin configured");
        }
    }

    @Test
    void open_nullUri_isNone() {
        try (Origin origin = Origins.open(null, OriginSettings.defaults())) {
            assertThat(origin.describe()).isEqualTo("none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/x", "memcached://host:11211", "localhost:6379", "sim:latency=5ms"})
    void open_unsupportedUri_throwsOneLineNamingExpectedForms(String uri) {
        assertThatThrownBy(() -> Origins.open(uri, OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("origin: ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void open_unsupportedUriWithPassword_keepsPasswordOutOfMessage() {
        assertThatThrownBy(() -> Origins.open("memcached://admin:hunter2@host", OriginSettings.defaults()))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void open_each_scheme_picksMatchingBackend() {
        OriginSettings settings = OriginSettings.defaults();
        try (Origin http = Origins.open("http://127.0.0.1:1/{key}", settings);
             Origin redis = Origins.open("redis://127.0.0.1:1", settings);
             Origin sim = Origins.open("sim://?latency=1ms", settings)) {
            assertThat(http).isInstanceOf(HttpOrigin.class);
            assertThat(redis).isInstanceOf(RedisOrigin.class);
            assertThat(sim).isInstanceOf(SimulatedOrigin.class);
        }
    }

    @Test
    void openGuarded_simUri_wrapsBackendInGuard() throws Exception {
        try (GuardedOrigin origin = Origins.openGuarded("sim://?size=3", OriginSettings.defaults())) {
            assertThat(origin.delegate()).isInstanceOf(SimulatedOrigin.class);
            assertThat(origin.fetch(new byte[] {'k'}).get(1, TimeUnit.SECONDS)).isEqualTo(new byte[] {'v', 'a', 'l'});
        }
    }

    @Test
    void settings_outOfRange_throwsNamingTheSetting() {
        assertThatThrownBy(() -> OriginSettings.builder().optMaxConcurrent(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrent: 0 (expected: 1..1000000)");
    }
}
