package io.augur.server.cli;

import io.augur.engine.EngineSettings;
import io.augur.engine.EngineUnavailableException;
import io.augur.engine.NativeEngine;
import io.augur.predictor.context.ReadingContexts;
import io.augur.predictor.cache.PrefetchStaging;
import io.augur.predictor.eval.HitRatioPlot;
import io.augur.predictor.eval.PredictionRecorder;
import io.augur.predictor.eval.ReplayConnections;
import io.augur.predictor.eval.ReplayEvaluation;
import io.augur.predictor.eval.ReplayReport;
import io.augur.predictor.eval.ReplayResult;
import io.augur.predictor.eval.Trace;
import io.augur.predictor.eval.TraceReader;
import io.augur.predictor.eval.cache.Eviction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.predictor.plan.PlannerSettings;
import io.augur.predictor.train.TrainerSettings;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `augur replay`: replays a cache access trace through the server's own predictors and planner,
 * under the store's eviction policies and W-TinyLFU with a simulated origin, and prints hit ratio,
 * precision and origin load.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a trace (gzip or plain; 'key' or 'client key' per line) and compare predictors.")
public final class ReplayCommand implements Callable<Integer> {

    /** Every predictor `--predictor all` evaluates, in table order. */
    static final List<String> ALL = List.of("successor", "delta", "successor+delta", "lstm");
    /** Cache sizes of the plot, as % of distinct keys. */
    static final List<Double> PLOT_SIZES = List.of(1.0, 2.0, 5.0, 10.0, 20.0);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "the trace to replay")
    private Path trace;

    @Option(names = "--cache-size", split = ",", paramLabel = "N|P%", defaultValue = "5%",
            description = "cache capacity in keys, or %% of the trace's distinct keys; several, comma-separated (default: ${DEFAULT-VALUE})")
    private List<String> cacheSizes;

    @Option(names = "--predictor", split = ",", defaultValue = "all", paramLabel = "NAME",
            description = "none, successor, delta, successor+delta, interleaved, lstm or all; several, comma-separated; "
                    + "lstm-untrained is the lstm predictor that never trains (its calibrated tables alone); lstm-hourly adds "
                    + "per-hour key popularity to its tables; hour-of-day is that table alone; lstm-notime is the lstm whose "
                    + "network is never shown the time of day and week; ahead is the lookahead table (keys read 8-16 reads "
                    + "later) the lstm blends in for a slow origin (default: ${DEFAULT-VALUE})")
    private List<String> predictors;

    // lru keeps the rows comparable with every earlier replay; tinylfu is the baseline to beat. Its
    // no-prefetch row is in every block whatever this says (ReplayEvaluation adds it when left out).
    @Option(names = "--eviction", split = ",", defaultValue = "lru,tinylfu", paramLabel = "POLICY",
            description = "eviction policies to replay under, comma-separated (default: ${DEFAULT-VALUE}); every block "
                    + "also carries the tinylfu row without prefetch, the baseline to beat:%n" + Eviction.HELP)
    private List<String> evictionNames;

    @Option(names = "--lookahead", split = ",", defaultValue = "1,10", paramLabel = "D",
            description = "origin latency in reads: a prefetch lands D reads after it is issued (default: ${DEFAULT-VALUE})")
    private List<Integer> lookaheads;

    @Option(names = "--client-aware", description = "use the trace's client column as the connection")
    private boolean clientAware;

    @Option(names = "--predictor-batch", defaultValue = "1", paramLabel = "N",
            description = "the server's predictor thread takes reads N at a time (INFO prefetch_batch_per_read "
                    + "of a live run): it plans after each batch, and not after a read whose context read again "
                    + "in the same batch (default: ${DEFAULT-VALUE}, after every read)")
    private int predictorBatch;

    @Option(names = "--connections", defaultValue = "1", paramLabel = "N",
            description = "replay as N clients would, each reading its own contiguous slice at one rate (as augur load does); implies --client-aware")
    private int connections;

    @Option(names = "--pooled", description = "the trace's clients share the --connections N connections, "
            + "each read taking the next one (an application's pool), instead of one connection per client")
    private boolean pooled;

    @Option(names = "--context", defaultValue = "key", paramLabel = "MODE",
            description = "how the server groups reads into sequences, as prefetch-context: connection or key "
                    + "(owners read off the keys inside each connection) (default: ${DEFAULT-VALUE})")
    private String contextMode;

    @Option(names = "--min-precision", defaultValue = "" + PlannerSettings.DEFAULT_MIN_PRECISION, paramLabel = "P",
            description = "the planner's per-context back-off, as prefetch-min-precision; 0 = never back off "
                    + "(default: ${DEFAULT-VALUE})")
    private double minPrecision;

    @Option(names = "--prefetch-staging", defaultValue = "" + PrefetchStaging.DEFAULT_SHARE, paramLabel = "SHARE",
            description = "tinylfu rows: share of the cache where prefetched keys wait for their first read, as "
                    + "prefetch-staging; 0 = prefetches face admission at once (default: ${DEFAULT-VALUE})")
    private double prefetchStaging;

    @Option(names = "--json", description = "one JSON object per row instead of the table")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw hit ratio against cache size (1, 2, 5, 10, 20%% of distinct keys)")
    private Path plot;

    @Option(names = "--limit", paramLabel = "READS", description = "replay only the first READS reads")
    private Integer limit;

    @Option(names = "--min-confidence", defaultValue = "0.2", paramLabel = "P", description = "the planner's confidence gate, as prefetch-min-confidence (default: ${DEFAULT-VALUE})")
    private double minConfidence;

    @Option(names = "--top-k", defaultValue = "2", paramLabel = "N", description = "predictions considered per read, as prefetch-top-k (default: ${DEFAULT-VALUE})")
    private int topK;

    @Option(names = "--device", defaultValue = "cpu", paramLabel = "DEVICE", description = "LSTM device: auto, cpu, gpu, gpu:N (default: ${DEFAULT-VALUE})")
    private String device;

    @Option(names = "--train-epochs", defaultValue = "2", paramLabel = "N", description = "passes over the window per LSTM training run (default: ${DEFAULT-VALUE})")
    private int trainEpochs;

    // A generous wall-clock cap: runs end by epochs, so a replay gives the same model on a busy machine.
    @Option(names = "--train-budget", defaultValue = "300", paramLabel = "SECONDS", description = "wall-clock cap of one LSTM training run (default: ${DEFAULT-VALUE})")
    private int trainBudgetSeconds;

    @Option(names = "--train-window", defaultValue = "50000", paramLabel = "EVENTS",
            description = "most recent reads one LSTM training run uses, as train-window (default: ${DEFAULT-VALUE})")
    private int trainWindow;

    @Option(names = "--train-day-memory", defaultValue = "25000", paramLabel = "EVENTS",
            description = "reads kept from the hours of the day the window no longer covers, as train-day-memory (default: ${DEFAULT-VALUE})")
    private int trainDayMemory;

    @Option(names = "--model-vocabulary", defaultValue = "2000", paramLabel = "N", description = "keys the LSTM can name, as model-vocabulary (default: ${DEFAULT-VALUE})")
    private int vocabulary;

    @Option(names = "--no-progress", description = "no progress bar on stderr")
    private boolean noProgress;

    private NativeEngine engine;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isReadable(trace)) {
            spec.commandLine().getErr().println("augur replay: cannot read trace " + trace);
            return 1;
        }
        List<String> names = names();
        List<Eviction> evictions = evictions();
        Trace t = TraceReader.read(trace);
        if (limit != null) {
            t = t.head(limit);
        }
        ReadingContexts.Mode mode = ReadingContexts.Mode.parse(contextMode);
        ReplayConnections how;
        if (pooled) {
            how = ReplayConnections.pooled(connections, mode);
        } else {
            if (connections > 1) {
                t = t.interleave(connections);
                clientAware = true;
            }
            how = clientAware ? ReplayConnections.perClient(mode) : ReplayConnections.SINGLE;
        }
        int distinct = t.distinct();
        List<Integer> sizes = new ArrayList<>();
        for (String s : cacheSizes) {
            sizes.add(CacheSize.parse(s, distinct));
        }
        ReplayEvaluation evaluation;
        try (ProgressBar bar = progressBar(t.reads() * (long) names.stream().filter(n -> !n.equals("none")).count())) {
            long[] done = new long[1];
            PredictionRecorder recorder = new PredictionRecorder(Math.max(topK, 2), how,
                    PredictionRecorder.TrainingSchedule.forTrace(t.reads()), n -> {
                        if (bar != null) {
                            bar.stepTo(done[0] + n);
                        }
                    });
            evaluation = new ReplayEvaluation(t, this::predictor, recorder, minConfidence, topK, minPrecision)
                    .prefetchStaging(prefetchStaging).predictorBatch(predictorBatch);
            for (String name : names) {
                evaluation.record(List.of(name));
                done[0] += t.reads();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
        for (int size : sizes) {
            for (int d : lookaheads) {
                List<ReplayResult> rows = evaluation.replay(size, d, evictions);
                if (json) {
                    ReplayReport.json(out, t.name(), rows);
                } else {
                    ReplayReport.table(out, t.name(), distinct, rows);
                }
                out.flush();
            }
        }
        if (plot != null) {
            List<List<ReplayResult>> blocks = new ArrayList<>();
            for (double percent : PLOT_SIZES) {
                blocks.add(evaluation.replay(CacheSize.percentOf(percent, distinct), lookaheads.get(0), evictions));
            }
            HitRatioPlot.write(plot, t.name() + ": hit ratio vs cache size (D = " + lookaheads.get(0) + ")",
                    PLOT_SIZES, blocks);
            spec.commandLine().getErr().println("augur replay: wrote " + plot);
        }
        out.flush();
        return 0;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (String p : predictors) {
            if (p.equals("all")) {
                names.addAll(ALL);
            } else if (p.equals("none")) {
                continue; // always reported as the reference row
            } else if (p.equals("lstm") || p.equals("lstm-untrained") || p.equals("lstm-hourly") || p.equals("lstm-notime")
                    || Predictors.baselineNames().contains(p)) {
                names.add(p);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown predictor '" + p
                        + "' (expected: none, successor, delta, successor+delta, interleaved, lstm, all)");
            }
        }
        return names.stream().distinct().toList();
    }

    private List<Eviction> evictions() {
        List<Eviction> evictions = new ArrayList<>();
        for (String name : evictionNames) {
            try {
                evictions.add(Eviction.parse(name));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return evictions.stream().distinct().toList();
    }

    private Predictor predictor(String name) {
        if (!name.equals("lstm") && !name.equals("lstm-hourly") && !name.equals("lstm-notime")) {
            return Predictors.create(name);
        }
        if (engine == null) {
            try {
                engine = NativeEngine.load(new EngineSettings(device, Runtime.getRuntime().availableProcessors(), 1));
            } catch (EngineUnavailableException e) {
                throw new IllegalStateException("LSTM unavailable: " + e.getMessage(), e);
            }
        }
        TrainerSettings settings = new TrainerSettings(1, 0, trainWindow, vocabulary, trainEpochs,
                trainBudgetSeconds * 1000L, 2, 1.0, trainDayMemory);
        // lstm-hourly: the same, with per-hour key popularity among its calibrated tables.
        // lstm-notime: the same network fed a constant time, to show what the time inputs add.
        return new LstmPredictor(engine, name.equals("lstm-hourly") ? Predictors::lstmTables : Predictors::successorAndDelta,
                settings, null, false, !name.equals("lstm-notime"));
    }

    private ProgressBar progressBar(long total) {
        if (noProgress || json && System.console() == null) {
            return null;
        }
        return new ProgressBarBuilder().setTaskName("replay").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(500).build();
    }

    /** Parses `--cache-size`: a key count, or a percentage of the distinct keys. */
    static final class CacheSize {
        private CacheSize() {
        }

        static int parse(String value, int distinct) {
            String v = value.trim();
            try {
                if (v.endsWith("%")) {
                    return percentOf(Double.parseDouble(v.substring(0, v.length() - 1)), distinct);
                }
                int n = Integer.parseInt(v);
                if (n < 1) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--cache-size: " + value + " (expected: a positive key count or a percentage like 5%)");
            }
        }

        static int percentOf(double percent, int distinct) {
            return Math.max(1, (int) Math.round(distinct * percent / 100.0));
        }
    }
}
