package io.augur.server.origin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyEncodingTest {

    @Test
    void forUrl_plainKey_isUnchanged() {
        assertThat(KeyEncoding.forUrl("user-42_v1.json~".getBytes(UTF_8))).isEqualTo("user-42_v1.json~");
    }

    @Test
    void forUrl_separatorsAndSpaces_arePercentEncoded() {
        assertThat(KeyEncoding.forUrl("a/b?c#d e%".getBytes(UTF_8))).isEqualTo("a%2Fb%3Fc%23d%20e%25");
    }

    @Test
    void forUrl_dotSegment_cannotStayADotSegment() {
        assertThat(KeyEncoding.forUrl("..".getBytes(UTF_8))).isEqualTo("%2E.");
    }

    @Test
    void forFileName_hiddenAndTilde_areEncoded() {
        assertThat(KeyEncoding.forFileName(".env~".getBytes(UTF_8))).isEqualTo("%2Eenv%7E");
    }

    @Test
    void forFileName_distinctKeys_giveDistinctNames() {
        assertThat(KeyEncoding.forFileName("a%2F".getBytes(UTF_8))).isNotEqualTo(KeyEncoding.forFileName("a/".getBytes(UTF_8)));
    }
}
