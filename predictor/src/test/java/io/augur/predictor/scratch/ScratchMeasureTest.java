package io.augur.predictor.scratch;

import io.augur.engine.EngineSettings;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.train.LstmTraining;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

class ScratchMeasureTest {
    @Test
    void measure() throws Exception {
        NativeEngine engine = NativeEngine.load(new EngineSettings("cpu", Integer.getInteger("t", 2), 1));
        List<AccessEvent> events = new ArrayList<>();
        for (int r = 0; r < 60; r++) for (int i = 0; i < 25; i++) {
            events.add(new AccessEvent(("a:" + (i * 37 % 101) + "x").getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, false, r, 1));
            events.add(new AccessEvent(("b:" + (i * 53 % 103) + "y").getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, false, r, 2));
        }
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            var r = LstmTraining.train(engine, events, 500, 1, 60_000, 1, 7);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("MEASURE steps=" + r.steps() + " ms=" + ms + " perStep=" + (double) ms / r.steps() + " loss=" + r.lastLoss());
            r.model().close();
        }
    }
}
