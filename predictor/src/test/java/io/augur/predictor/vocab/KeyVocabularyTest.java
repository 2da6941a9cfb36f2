package io.augur.predictor.vocab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys to tokens and back: frequent keys, delta tokens, out-of-vocabulary. */
class KeyVocabularyTest {

    @TempDir
    Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static KeyVocabulary vocabulary() {
        List<byte[]> reads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            reads.add(b("hot"));
            reads.add(b("warm"));
        }
        reads.add(b("warm"));
        reads.add(b("once"));
        return KeyVocabulary.build(reads, 2);
    }

    @Test
    void frequentKeys_getTokens_rareOnesAreOov() {
        KeyVocabulary v = vocabulary();
        assertThat(v.keyCount()).isEqualTo(2);
        int warm = v.encode(null, b("warm"));
        assertThat(s(v.decode(null, warm))).isEqualTo("warm");
        assertThat(v.encode(null, b("once"))).isEqualTo(KeyVocabulary.OOV);
        assertThat(v.decode(null, KeyVocabulary.OOV)).isNull();
    }

    @Test
    void deltaTokens_generalizeToKeysNeverSeen() {
        KeyVocabulary v = vocabulary();
        int plusOne = v.encode(b("user:41"), b("user:42"));
        assertThat(s(v.decode(b("user:9000"), plusOne))).isEqualTo("user:9001");
        int minusEight = v.encode(b("x100"), b("x92"));
        assertThat(s(v.decode(b("x50"), minusEight))).isEqualTo("x42");
        assertThat(v.encode(b("user:1"), b("user:100"))).isEqualTo(KeyVocabulary.OOV);
    }

    @Test
    void build_frequentKeysAmongManyRareOnes_keepsExactlyTheFrequentOnes() {
        List<byte[]> reads = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            reads.add(b("noise-" + i + "-x")); // 50,000 keys read once each
            if (i % 10 == 0) {
                reads.add(b("hot-" + (i / 10) % 20 + "-y")); // 20 keys read 250 times each
            }
        }
        KeyVocabulary v = KeyVocabulary.build(reads, 20);
        assertThat(v.keyCount()).isEqualTo(20);
        for (int h = 0; h < 20; h++) {
            int token = v.encode(null, b("hot-" + h + "-y"));
            assertThat(token).isNotEqualTo(KeyVocabulary.OOV);
            assertThat(s(v.decode(null, token))).isEqualTo("hot-" + h + "-y");
        }
        assertThat(v.encode(null, b("noise-7-x"))).isEqualTo(KeyVocabulary.OOV);
    }

    @Test
    void decode_deltaWithoutANumberedPreviousKey_isNull() {
        KeyVocabulary v = vocabulary();
        int plusOne = v.encode(b("k1"), b("k2"));
        assertThat(v.decode(b("plain"), plusOne)).isNull();
        assertThat(v.decode(null, plusOne)).isNull();
        assertThat(v.decode(b("k0"), KeyVocabulary.PAD)).isNull();
        assertThat(s(v.decode(b("k007"), plusOne))).isEqualTo("k008");
    }

    @Test
    void load_fileOfAnotherFormat_failsClearly() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("bad.txt"), "zz\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> KeyVocabulary.load(dir.resolve("bad.txt")))
                .isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("unknown format");
    }

    @Test
    void saveAndLoad_keepTheSameTokens() throws Exception {
        KeyVocabulary v = vocabulary();
        v.save(dir.resolve("v.txt"));
        KeyVocabulary loaded = KeyVocabulary.load(dir.resolve("v.txt"));
        assertThat(loaded.encode(null, b("hot"))).isEqualTo(v.encode(null, b("hot")));
        assertThat(loaded.size()).isEqualTo(v.size());
    }
}
