package io.augur.server.prefetch;

import io.augur.predictor.log.AccessEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Within one drained batch, only each context's last read is predicted after. */
class SupersededReadsTest {

    private static AccessEvent event(long context, String key, AccessEvent.Op op) {
        return new AccessEvent(key.getBytes(StandardCharsets.UTF_8), op, true, 0, context);
    }

    @Test
    void aRead_followedByAnotherReadOfItsContextInTheBatch_isSuperseded_writesAndOtherContextsAreNot() {
        List<AccessEvent> batch = List.of(
                event(1, "user:1:profile", AccessEvent.Op.READ),  // user 1 reads again below: superseded
                event(2, "user:2:profile", AccessEvent.Op.READ),  // user 2's only read
                event(1, "user:1:cart", AccessEvent.Op.READ),     // user 1's last read
                event(1, "user:1:cart", AccessEvent.Op.WRITE),    // a write never supersedes a read
                event(3, "user:3:cart", AccessEvent.Op.WRITE));

        assertThat(PrefetchPipeline.superseded(batch)).containsExactly(true, false, false, false, false);
    }

    @Test
    void aBatchOfOneReadPerContext_supersedesNothing() {
        List<AccessEvent> batch = List.of(event(1, "a", AccessEvent.Op.READ), event(2, "a", AccessEvent.Op.READ));

        assertThat(PrefetchPipeline.superseded(batch)).containsExactly(false, false);
    }
}
