package io.augur.predictor.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopCountsTest {

    /** Items whose hashes collide on purpose: the table must still tell them apart. */
    private record Colliding(String name) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    private static List<Object> itemsOf(List<? extends TopCounts.Scored<?>> scored) {
        return scored.stream().map(s -> (Object) s.item()).toList();
    }

    @Test
    void itemsWithTheSameHash_areCountedApart() {
        TopCounts<Colliding> counts = new TopCounts<>(4);
        for (int i = 0; i < 3; i++) {
            counts.add(new Colliding("often"));
        }
        counts.add(new Colliding("once"));
        List<TopCounts.Scored<Colliding>> top = counts.top(2);
        assertThat(itemsOf(top)).containsExactly(new Colliding("often"), new Colliding("once"));
        assertThat(top.get(0).probability()).isEqualTo(0.75);
        assertThat(top.get(1).probability()).isEqualTo(0.25);
    }

    @Test
    void aFullTable_replacesItsWeakestItem_whichInheritsTheCountPlusOne() {
        TopCounts<String> counts = new TopCounts<>(2);
        counts.add("a");
        counts.add("a");
        counts.add("b");
        counts.add("c"); // replaces b (count 1) and starts at 2
        counts.add("c");
        assertThat(itemsOf(counts.top(2))).containsExactly("c", "a");
        assertThat(counts.top(1).get(0).probability()).isEqualTo(3.0 / 5);
    }

    @Test
    void countsHalve_whenTheTotalReachesTheDecayPoint_soANewFavouriteTakesOver() {
        TopCounts<String> counts = new TopCounts<>(4);
        for (int i = 0; i < 1_000; i++) {
            counts.add("old");
        }
        for (int i = 0; i < 600; i++) {
            counts.add("new");
        }
        // At 1,024 adds "old" (1,000) and "new" (24) halved to 500 and 12; 588 more "new" make 600.
        assertThat(itemsOf(counts.top(2))).containsExactly("new", "old");
    }
}
