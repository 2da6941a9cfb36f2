package io.augur.predictor.eval.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A mix: web sessions, gaming, ML epochs and Zipf reads generated side by side and interleaved at
 * random, each on its own clients and key space, as one cache serving several applications.
 * Learnable: what each part offers, if the predictor keeps them apart (per-client state).
 */
public final class MixWorkload implements Workload {

    private record Read(int client, String key) {
    }

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        List<Workload> parts = List.of(new WebSessionsWorkload(), new GamingWorkload(), new MlEpochsWorkload(),
                new ZipfWorkload(0.99));
        List<List<Read>> streams = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            List<Read> stream = new ArrayList<>(reads / parts.size() + 1);
            int clientBase = p * 1_000;
            parts.get(p).generate(reads / parts.size() + 1, Math.max(1, keys / parts.size()), random.split(),
                    (client, key) -> stream.add(new Read(clientBase + client, key)));
            streams.add(stream);
        }
        int[] next = new int[streams.size()];
        for (int i = 0; i < reads; i++) {
            int p = random.nextInt(streams.size());
            while (next[p] >= streams.get(p).size()) {
                p = (p + 1) % streams.size();
            }
            Read r = streams.get(p).get(next[p]++);
            sink.read(r.client(), r.key());
        }
    }
}
