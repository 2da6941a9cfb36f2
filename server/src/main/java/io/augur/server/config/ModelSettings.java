package io.augur.server.config;

import io.augur.engine.EngineSettings;
import io.augur.predictor.train.TrainerSettings;

/**
 * The LSTM's engine (device, threads) and its online trainer (interval, window, vocabulary, day
 * memory, hourly table). Fixed at start: a model is built with them.
 */
public final class ModelSettings {

    /** Inter-op threads of the engine: the model is one sequential graph, so one is all it can use. */
    private static final int ENGINE_INTER_OP_THREADS = 1;

    private volatile String device = "auto";
    private volatile int engineThreads = 1;
    private volatile long trainIntervalSeconds = TrainerSettings.DEFAULT_INTERVAL_MILLIS / 1000;
    private volatile long trainMinEvents = TrainerSettings.DEFAULT_MIN_NEW_EVENTS;
    private volatile int trainWindow = TrainerSettings.DEFAULT_WINDOW_EVENTS;
    private volatile boolean hourlyTable;
    private volatile int trainDayMemory =
            (int) (TrainerSettings.DEFAULT_WINDOW_EVENTS * TrainerSettings.DEFAULT_DAY_MEMORY_SHARE);
    private volatile int modelVocabulary = TrainerSettings.DEFAULT_VOCABULARY_KEYS;

    ModelSettings(ServerConfig config) {
        config.add("device", "inference device: auto, cpu, gpu or gpu:N", false, () -> device, v -> device = parseDevice(v));
        config.add("engine-threads", "threads one inference may use (leave cores for serving)", false,
                () -> Integer.toString(engineThreads), v -> engineThreads = ConfigValues.parseInt(v, 1, 64));
        config.add("train-interval", "seconds between checks whether to retrain the LSTM", false,
                () -> Long.toString(trainIntervalSeconds), v -> trainIntervalSeconds = ConfigValues.parseLong(v, 1, 86_400));
        config.add("train-min-events", "new accesses needed before the LSTM retrains", false,
                () -> Long.toString(trainMinEvents), v -> trainMinEvents = ConfigValues.parseLong(v, 100, 1_000_000_000));
        config.add("train-window", "most recent accesses the LSTM trains on (the newest 10% validate)", false,
                () -> Integer.toString(trainWindow), v -> trainWindow = ConfigValues.parseInt(v, 1_000, 5_000_000));
        config.add("train-day-memory", "reads kept from the hours of the day the train window no longer covers, "
                + "trained on with it so the LSTM keeps every hour's pattern (0 = off)", false,
                () -> Integer.toString(trainDayMemory), v -> trainDayMemory = ConfigValues.parseInt(v, 0, 5_000_000));
        config.add("hourly-table", "yes: the LSTM blends per-hour key popularity with its successor and delta "
                + "tables (each calibrated; see README, Time of day)", false,
                () -> ConfigValues.yesNo(hourlyTable), v -> hourlyTable = ConfigValues.parseYesNo(v));
        config.add("model-vocabulary", "most frequent keys the LSTM can name (plus delta tokens)", false,
                () -> Integer.toString(modelVocabulary), v -> modelVocabulary = ConfigValues.parseInt(v, 10, 100_000));
    }

    private static String parseDevice(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("auto") || v.equals("cpu") || v.equals("gpu") || v.matches("gpu:\\d{1,2}")) {
            return v;
        }
        throw new IllegalArgumentException("argument must be auto, cpu, gpu or gpu:N");
    }

    /**
     * The trainer's settings: the configured ones, the rest (epochs, budget, top-k, duty cycle) at
     * the trainer's own defaults.
     */
    public TrainerSettings trainer() {
        return new TrainerSettings(trainIntervalSeconds * 1000, trainMinEvents, trainWindow, modelVocabulary,
                TrainerSettings.DEFAULT_EPOCHS, TrainerSettings.DEFAULT_BUDGET_MILLIS, TrainerSettings.DEFAULT_TOP_K,
                TrainerSettings.DEFAULT_DUTY_CYCLE, trainDayMemory);
    }

    /** The native engine's settings: the configured device and intra-op threads. */
    public EngineSettings engine() {
        return new EngineSettings(device, engineThreads, ENGINE_INTER_OP_THREADS);
    }

    public String device() { return device; }
    public int engineThreads() { return engineThreads; }
    public long trainIntervalSeconds() { return trainIntervalSeconds; }
    public long trainMinEvents() { return trainMinEvents; }
    public int trainWindow() { return trainWindow; }
    public boolean hourlyTable() { return hourlyTable; }
    public int trainDayMemory() { return trainDayMemory; }
    public int modelVocabulary() { return modelVocabulary; }
}
