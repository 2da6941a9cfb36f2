package io.augur.predictor.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-client window of last reads and the "read within N reads" tracker the predictors share. */
class SharedStateTest {

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> strings(List<byte[]> keys) {
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(new String(k, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void recentReads_moreReadsThanItsLength_keepsEachClientsNewestOldestFirst() {
        RecentReads reads = new RecentReads(2);
        reads.add(1, key("a"), 10);
        reads.add(2, key("x"), 11);
        reads.add(1, key("b"), 12);
        reads.add(1, key("c"), 13);

        assertThat(strings(reads.keys(1))).containsExactly("b", "c");
        assertThat(strings(reads.keys(2))).containsExactly("x");
        assertThat(reads.lastReadMillis(1)).isEqualTo(13);
        assertThat(new String(reads.last(1), StandardCharsets.UTF_8)).isEqualTo("c");
        assertThat(reads.keys(3)).isEmpty();
        assertThat(reads.last(3)).isNull();
    }

    @Test
    void recentReads_beyondMaxClients_forgetsTheLeastRecentlyActive() {
        RecentReads reads = new RecentReads(4, 2);
        reads.add(1, key("a"), 0);
        reads.add(2, key("b"), 0);
        reads.keys(1); // client 1 is active again
        reads.add(3, key("c"), 0);

        assertThat(reads.keys(2)).isEmpty();
        assertThat(reads.keys(1)).hasSize(1);
    }

    @Test
    void expectedReads_keyReadOnTheLastReadOfTheHorizon_settlesAsRead() {
        ExpectedReads<String> expected = new ExpectedReads<>(3, 100, 100);
        List<String> outcomes = new ArrayList<>();
        expected.expect(1, key("k"), "tag");
        expected.read(1, key("a"), (t, read) -> outcomes.add(t + read));
        expected.read(1, key("b"), (t, read) -> outcomes.add(t + read));
        expected.read(1, key("k"), (t, read) -> outcomes.add(t + read));

        assertThat(outcomes).containsExactly("tagtrue");
    }

    @Test
    void expectedReads_keyNotReadWithinTheHorizon_expiresOnce_oldestFirst() {
        ExpectedReads<String> expected = new ExpectedReads<>(2, 100, 100);
        List<String> outcomes = new ArrayList<>();
        expected.expect(1, key("old"), "old");
        expected.read(1, key("a"), (t, read) -> outcomes.add(t + read));
        expected.expect(1, key("new"), "new");
        expected.expect(1, key("hit"), "hit");
        expected.read(1, key("hit"), (t, read) -> outcomes.add(t + read));
        expected.read(1, key("b"), (t, read) -> outcomes.add(t + read));
        expected.read(1, key("c"), (t, read) -> outcomes.add(t + read));

        assertThat(outcomes).containsExactly("oldfalse", "hittrue", "newfalse");
    }

    @Test
    void expectedReads_keyAlreadyPendingOrClientFull_isRefused() {
        ExpectedReads<String> expected = new ExpectedReads<>(5, 100, 2);
        assertThat(expected.expect(1, key("a"), "first")).isTrue();
        assertThat(expected.expect(1, key("a"), "again")).isFalse();
        assertThat(expected.expect(1, key("b"), "b")).isTrue();
        assertThat(expected.expect(1, key("c"), "c")).isFalse();

        List<String> outcomes = new ArrayList<>();
        expected.read(1, key("a"), (t, read) -> outcomes.add(t));
        assertThat(outcomes).containsExactly("first");
    }

    @Test
    void expectedReads_untrackedClient_reportsNotTracked_untilTracked() {
        ExpectedReads<Void> expected = new ExpectedReads<>(1, 100, 100);
        assertThat(expected.read(7, key("a"), (t, read) -> { })).isFalse();
        expected.track(7);
        assertThat(expected.read(7, key("a"), (t, read) -> { })).isTrue();
        expected.forget(7);
        assertThat(expected.read(7, key("a"), (t, read) -> { })).isFalse();
    }
}
