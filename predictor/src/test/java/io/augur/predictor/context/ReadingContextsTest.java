package io.augur.predictor.context;

import io.augur.predictor.log.AccessEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Reconstructing per-user sequences inside pooled connections. */
class ReadingContextsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String owner(String key) {
        byte[] o = KeyOwner.of(b(key));
        return o == null ? null : new String(o, StandardCharsets.UTF_8);
    }

    private static AccessEvent read(long connection, String key) {
        return new AccessEvent(b(key), AccessEvent.Op.READ, false, 0, connection);
    }

    @Test
    void keyOwner_hashTagOrTypeAndIdWithAFieldAfterIt_namesTheOwner() {
        assertThat(owner("cart:{user42}:items")).isEqualTo("user42");
        assertThat(owner("user:123:profile")).isEqualTo("user:123");
        assertThat(owner("app:tenant7:user:9:cart")).isEqualTo("app:tenant7");
        assertThat(owner("product:42")).isNull();
        assertThat(owner("plainkey")).isNull();
        assertThat(owner("a:{}:b")).isNull();
        assertThat(owner("config:site:title")).isNull();
    }

    @Test
    void resolve_connectionMode_keepsTheConnection() {
        ReadingContexts contexts = new ReadingContexts(ReadingContexts.Mode.CONNECTION);
        assertThat(contexts.resolve(read(3, "user:1:profile")).connectionId()).isEqualTo(3);
    }

    @Test
    void resolve_keyMode_objectsWithOneFieldEach_stayInTheirConnection() {
        ReadingContexts contexts = new ReadingContexts(ReadingContexts.Mode.KEY);
        for (int i = 0; i < 100; i++) {
            assertThat(contexts.resolve(read(5, "page:" + i + ":v")).connectionId()).isEqualTo(5);
        }
    }

    @Test
    void resolve_keyMode_separatesTwoUsersInterleavedOnOneConnection() {
        ReadingContexts contexts = new ReadingContexts(ReadingContexts.Mode.KEY);
        contexts.resolve(read(1, "user:9:profile"));
        contexts.resolve(read(1, "user:9:cart")); // user: ids have several fields: the type owns sequences
        long u1 = contexts.resolve(read(1, "user:1:profile")).connectionId();
        long u2 = contexts.resolve(read(1, "user:2:profile")).connectionId();
        long u2product = contexts.resolve(read(1, "product:7")).connectionId();
        long u1cart = contexts.resolve(read(1, "user:1:cart")).connectionId();
        long u1product = contexts.resolve(read(1, "product:8")).connectionId();
        assertThat(u1).isNotEqualTo(u2).isNegative();
        assertThat(u2product).isEqualTo(u2);
        assertThat(u1cart).isEqualTo(u1);
        assertThat(u1product).isEqualTo(u1);
    }

    @Test
    void resolve_sameUserOnTwoConnections_isOneContext() {
        ReadingContexts contexts = new ReadingContexts(ReadingContexts.Mode.KEY);
        contexts.resolve(read(1, "user:9:profile"));
        contexts.resolve(read(1, "user:9:cart"));
        assertThat(contexts.resolve(read(1, "user:5:a")).connectionId())
                .isEqualTo(contexts.resolve(read(2, "user:5:b")).connectionId());
    }

    @Test
    void resolve_contextHint_namesTheContextOfFollowingReadsAndIsConsumed() {
        ReadingContexts contexts = new ReadingContexts(ReadingContexts.Mode.KEY);
        assertThat(contexts.resolve(new AccessEvent(b("alice"), AccessEvent.Op.CONTEXT, false, 0, 4))).isNull();
        long a = contexts.resolve(read(4, "page:1")).connectionId();
        long b = contexts.resolve(read(4, "page:2")).connectionId();
        assertThat(a).isEqualTo(b).isEqualTo(ReadingContexts.ownerId(b("alice")));
    }

    @Test
    void resolve_contextHint_winsOverTheOwnerAKeyNames_untilTheConnectionCloses() {
        ReadingContexts contexts = new ReadingContexts(ReadingContexts.Mode.KEY);
        contexts.resolve(read(1, "user:9:profile"));
        contexts.resolve(read(1, "user:9:cart")); // user: now owns sequences
        contexts.resolve(new AccessEvent(b("session-7"), AccessEvent.Op.CONTEXT, false, 0, 4));
        long profile = contexts.resolve(read(4, "user:7:profile")).connectionId();
        long product = contexts.resolve(read(4, "product:3")).connectionId();
        assertThat(profile).isEqualTo(product).isEqualTo(ReadingContexts.ownerId(b("session-7")));
        contexts.resolve(new AccessEvent(new byte[0], AccessEvent.Op.CLOSE, false, 0, 4));
        assertThat(contexts.resolve(read(4, "product:3")).connectionId()).isEqualTo(4);
    }

    @Test
    void resolve_withoutOwnerOrHint_staysTheConnection_andCloseForgetsIt() {
        ReadingContexts contexts = new ReadingContexts(ReadingContexts.Mode.KEY);
        assertThat(contexts.resolve(read(9, "42")).connectionId()).isEqualTo(9);
        contexts.resolve(read(9, "{user1}:x"));
        assertThat(contexts.trackedConnections()).isEqualTo(1);
        contexts.resolve(new AccessEvent(new byte[0], AccessEvent.Op.CLOSE, false, 0, 9));
        assertThat(contexts.trackedConnections()).isZero();
        assertThat(contexts.resolve(read(9, "42")).connectionId()).isEqualTo(9);
    }
}
