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
    void saveAndLoad_keepTheSameTokens() throws Exception {
        KeyVocabulary v = vocabulary();
        v.save(dir.resolve("v.txt"));
        KeyVocabulary loaded = KeyVocabulary.load(dir.resolve("v.txt"));
        assertThat(loaded.encode(null, b("hot"))).isEqualTo(v.encode(null, b("hot")));
        assertThat(loaded.size()).isEqualTo(v.size());
    }
}
