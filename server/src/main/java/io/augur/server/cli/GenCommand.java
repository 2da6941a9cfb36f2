package io.augur.server.cli;

import io.augur.predictor.eval.gen.Workload;
import io.augur.predictor.eval.gen.Workloads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;

/** `augur gen`: writes a synthetic trace in the replay format (gzip when the name ends in .gz). */
@Command(name = "gen", mixinStandardHelpOptions = true,
        description = "Write a synthetic access trace for augur replay: zipf, temporal, ml-epochs, hft, gaming, web-sessions, daily-routes, per-user, mix.")
public final class GenCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--workload", required = true, paramLabel = "NAME", description = "zipf, temporal, ml-epochs, hft, gaming, web-sessions, daily-routes, per-user or mix")
    private String workload;

    @Option(names = "--reads", defaultValue = "200000", paramLabel = "N", description = "reads to write (default: ${DEFAULT-VALUE})")
    private int reads;

    @Option(names = "--keys", defaultValue = "20000", paramLabel = "N", description = "about how many distinct keys (default: ${DEFAULT-VALUE})")
    private int keys;

    @Option(names = "--alpha", defaultValue = "0.99", paramLabel = "EXPONENT", description = "Zipf exponent for zipf (default: ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "random seed: the same seed writes the same trace (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the trace")
    private Path out;

    @Override
    public Integer call() throws IOException {
        Workload w;
        try {
            w = Workloads.create(workload, alpha);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (reads < 1 || keys < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reads and --keys must be positive");
        }
        try (OutputStream file = Files.newOutputStream(out);
             OutputStream stream = out.toString().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file;
             BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
            writer.write("# augur gen --workload " + workload + " --reads " + reads + " --keys " + keys
                    + (workload.equals("zipf") ? " --alpha " + alpha : "") + " --seed " + seed + "\n");
            IOException[] failure = new IOException[1];
            if (w.spansAWeek()) {
                // Position is time: a week of simulated hours over the trace, for time-aware predictors.
                long perHour = Workload.readsPerHour(reads);
                writer.write(io.augur.predictor.eval.TraceReader.MILLIS_PER_READ + " " + (3_600_000L / perHour) + "\n");
            }
            w.generate(reads, keys, new SplittableRandom(seed), (client, key) -> {
                try {
                    writer.write(Integer.toString(client));
                    writer.write(' ');
                    writer.write(key);
                    writer.write('\n');
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
        spec.commandLine().getErr().println("augur gen: wrote " + reads + " reads (" + workload + ") to " + out);
        return 0;
    }
}
