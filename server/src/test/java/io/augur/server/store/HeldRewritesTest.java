package io.augur.server.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command thread's page rewrites wait for its next settle: it reads them back at once, other
 * threads see the collection as the map holds it until then, and nothing it held comes back after
 * another thread removed the collection.
 */
class HeldRewritesTest {

    @TempDir
    Path dir;

    /** Another thread than the command thread, to read the map as the rest of the server does. */
    private final ExecutorService elsewhere = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopElsewhere() {
        elsewhere.shutdownNow();
    }

    private <T> T fromElsewhere(Supplier<T> read) throws Exception {
        return elsewhere.submit(read::get).get();
    }

    private static List<String> list(int n) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            elements.add("e" + i);
        }
        return elements;
    }

    private static byte[] payload(List<String> elements) {
        return CollectionCodec.encode(elements.stream().map(StoreFixture::bytes).toList());
    }

    private static List<String> elements(StoredValue v) {
        return CollectionCodec.decode(v.value()).stream().map(StoreFixture::string).toList();
    }

    @Test
    void pushesAndPopsInsideEndPages_areReadBackAtOnce_butReachTheMapOnlyAtTheSettle() throws Exception {
        try (ChronicleStore store = new StoreFixture(dir).open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("l"), ValueType.LIST, payload(list(1000)), 0, false);
            store.holdRewritesOn(Thread.currentThread());
            assertThat(store.holdsRewrites()).isFalse();

            for (int i = 0; i < 10; i++) {
                store.listPush(bytes("l"), false, List.of(bytes("tail" + i)));
            }
            assertThat(store.listPop(bytes("l"), true, 2)).extracting(StoreFixture::string).containsExactly("e0", "e1");

            assertThat(store.holdsRewrites()).isTrue();
            assertThat(store.shallowPeek(bytes("l")).pagedCount()).isEqualTo(1008);
            assertThat(string(store.listRange(bytes("l"), 1007, 1007).get(0))).isEqualTo("tail9");
            assertThat(fromElsewhere(() -> store.shallowPeek(bytes("l")).pagedCount())).isEqualTo(1000L);
            assertThat(fromElsewhere(() -> elements(store.peek(bytes("l"))))).isEqualTo(list(1000));

            assertThat(store.settleWrites()).isTrue();
            assertThat(store.holdsRewrites()).isFalse();
            List<String> expected = new ArrayList<>(list(1000).subList(2, 1000));
            for (int i = 0; i < 10; i++) {
                expected.add("tail" + i);
            }
            assertThat(fromElsewhere(() -> elements(store.peek(bytes("l"))))).isEqualTo(expected);
            assertThat(fromElsewhere(() -> store.shallowPeek(bytes("l")).pagedCount())).isEqualTo(1008L);
        }
    }

    @Test
    void aNewValueForAFieldOfALargeHash_waitsForTheSettle_aNewFieldDoesNot() throws Exception {
        try (ChronicleStore store = new StoreFixture(dir).open(EvictionPolicy.NOEVICTION)) {
            List<String> pairs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                pairs.add("f" + i);
                pairs.add("v" + i);
            }
            store.put(bytes("h"), ValueType.HASH, payload(pairs), 0, false);
            assertThat(store.shallowPeek(bytes("h")).paged()).isTrue();
            store.holdRewritesOn(Thread.currentThread());

            store.fieldPut(bytes("h"), bytes("f7"), bytes("changed"));
            assertThat(store.holdsRewrites()).isTrue();
            assertThat(string(store.fieldGet(bytes("h"), bytes("f7")))).isEqualTo("changed");
            assertThat(fromElsewhere(() -> string(store.fieldGet(bytes("h"), bytes("f7"))))).isEqualTo("v7");

            store.fieldPut(bytes("h"), bytes("new"), bytes("field"));
            assertThat(fromElsewhere(() -> string(store.fieldGet(bytes("h"), bytes("new"))))).isEqualTo("field");
            assertThat(fromElsewhere(() -> store.shallowPeek(bytes("h")).pagedCount())).isEqualTo(501L);

            assertThat(store.settleWrites()).isTrue();
            assertThat(fromElsewhere(() -> string(store.fieldGet(bytes("h"), bytes("f7"))))).isEqualTo("changed");
        }
    }

    @Test
    void aHeldPageOfAListAnotherThreadRemoved_isNotWrittenBack_noPageIsLeftBehind() throws Exception {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("l"), ValueType.LIST, payload(list(1000)), 0, false);
            store.holdRewritesOn(Thread.currentThread());
            store.listPush(bytes("l"), false, List.of(bytes("held")));
            assertThat(store.holdsRewrites()).isTrue();

            assertThat(fromElsewhere(() -> store.delete(bytes("l")))).isTrue(); // as an eviction off the command thread

            assertThat(store.settleWrites()).isTrue();
            assertThat(store.peek(bytes("l"))).isNull();
            assertThat(store.pageEntries()).isZero();
            assertThat(store.size()).isZero();
        }
        try (StoreFile file = StoreFile.open(f.config(EvictionPolicy.NOEVICTION).build())) {
            long[] pages = {0};
            file.map().forEachRaw((k, v) -> {
                pages[0] += PageKeys.isPage(k) ? 1 : 0;
                return true;
            });
            assertThat(pages[0]).as("page entries in the file").isZero();
        }
    }

    @Test
    void rewritesStillHeldWhenTheStoreCloses_areWrittenBeforeItCloses() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("l"), ValueType.LIST, payload(list(1000)), 0, false);
            store.holdRewritesOn(Thread.currentThread());
            store.listPush(bytes("l"), false, List.of(bytes("tail"))); // the tail page holds 104 of 128
            assertThat(store.holdsRewrites()).isTrue();
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            List<String> expected = new ArrayList<>(list(1000));
            expected.add("tail");
            assertThat(elements(store.peek(bytes("l")))).isEqualTo(expected);
        }
    }

    @Test
    void aSmallHashRewrittenAgainAndAgain_waitsForTheSettle_andAnExpirySetMeanwhileKeepsItsLastValue() throws Exception {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("h"), ValueType.HASH, payload(List.of("field", "v0")), 0, false);
            store.holdRewritesOn(Thread.currentThread());
            for (int i = 1; i <= 5; i++) {
                store.put(bytes("h"), ValueType.HASH, payload(List.of("field", "v" + i)), 0, false);
            }
            assertThat(store.holdsRewrites()).isTrue();
            assertThat(elements(store.peek(bytes("h")))).containsExactly("field", "v5");
            assertThat(fromElsewhere(() -> elements(store.peek(bytes("h"))))).containsExactly("field", "v0");

            long expireAt = f.now.get() + 60_000;
            assertThat(store.setExpireAt(bytes("h"), expireAt)).isTrue();
            assertThat(fromElsewhere(() -> elements(store.peek(bytes("h"))))).containsExactly("field", "v5");
            assertThat(fromElsewhere(() -> store.peek(bytes("h")).expireAtMillis())).isEqualTo(expireAt);

            store.put(bytes("h"), ValueType.HASH, payload(List.of("field", "v6")), expireAt, false);
            assertThat(store.delete(bytes("h"))).isTrue(); // a held value, then gone: nothing comes back
            assertThat(store.settleWrites()).isTrue();
            assertThat(fromElsewhere(() -> store.peek(bytes("h")))).isNull();
            assertThat(store.size()).isZero();
        }
    }
}
