package io.augur.predictor.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedReadsTest {

    private final List<String> settled = new ArrayList<>();
    private final ExpectedReads.Settlement<String> record = (tag, read) -> settled.add(tag + (read ? ":read" : ":expired"));

    private static byte[] key(String k) {
        return k.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aKeyReadOnTheLastReadOfItsHorizonCountsAsRead() {
        ExpectedReads<String> expected = new ExpectedReads<>(3, 10, 10);
        expected.expect(1, key("b"), "b");
        expected.read(1, key("x"), record);
        expected.read(1, key("y"), record);
        expected.read(1, key("b"), record);
        assertThat(settled).containsExactly("b:read");
    }

    @Test
    void aKeyNotReadWithinItsHorizonExpiresOnTheHorizonsLastRead() {
        ExpectedReads<String> expected = new ExpectedReads<>(2, 10, 10);
        expected.expect(1, key("b"), "b");
        expected.read(1, key("x"), record);
        assertThat(settled).isEmpty();
        expected.read(1, key("y"), record);
        assertThat(settled).containsExactly("b:expired");
        expected.read(1, key("b"), record);
        assertThat(settled).containsExactly("b:expired");
    }

    @Test
    void eachExpectationSettlesOnceAndOnlyForItsOwnClient() {
        ExpectedReads<String> expected = new ExpectedReads<>(5, 10, 10);
        expected.expect(1, key("b"), "one");
        expected.expect(2, key("b"), "two");
        expected.read(1, key("b"), record);
        expected.read(1, key("b"), record);
        assertThat(settled).containsExactly("one:read");
        for (int i = 0; i < 5; i++) {
            expected.read(2, key("z"), record);
        }
        assertThat(settled).containsExactly("one:read", "two:expired");
    }

    @Test
    void aKeyExpectedAgainWhilePendingKeepsItsFirstDeadline() {
        ExpectedReads<String> expected = new ExpectedReads<>(2, 10, 10);
        assertThat(expected.expect(1, key("b"), "first")).isTrue();
        expected.read(1, key("x"), record);
        assertThat(expected.expect(1, key("b"), "second")).isFalse();
        expected.read(1, key("y"), record);
        assertThat(settled).containsExactly("first:expired");
        assertThat(expected.expect(1, key("b"), "third")).isTrue();
    }

    @Test
    void aFullClientRefusesMoreExpectationsUntilOneSettles() {
        ExpectedReads<String> expected = new ExpectedReads<>(10, 10, 2);
        assertThat(expected.expect(1, key("a"), "a")).isTrue();
        assertThat(expected.expect(1, key("b"), "b")).isTrue();
        assertThat(expected.expect(1, key("c"), "c")).isFalse();
        expected.read(1, key("a"), record);
        assertThat(expected.expect(1, key("c"), "c")).isTrue();
    }

    @Test
    void anUntrackedClientsReadReportsUntrackedAndATrackedOneTracked() {
        ExpectedReads<String> expected = new ExpectedReads<>(2, 10, 10);
        assertThat(expected.read(7, key("a"), record)).isFalse();
        expected.track(7);
        assertThat(expected.read(7, key("a"), record)).isTrue();
        expected.forget(7);
        assertThat(expected.read(7, key("a"), record)).isFalse();
    }
}
