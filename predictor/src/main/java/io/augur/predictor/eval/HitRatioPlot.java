package io.augur.predictor.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws hit ratio against cache size, one line per eviction policy and predictor, as a PNG (XChart),
 * the W-TinyLFU no-prefetch baseline drawn black and dashed.
 */
public final class HitRatioPlot {

    /** The baseline's legend entry. */
    static final String BASELINE_SERIES = ReplayEvaluation.BASELINE.label() + " none (baseline)";

    private HitRatioPlot() {
    }

    /**
     * @param sizePercents cache size of each block as % of distinct keys (the x axis)
     * @param blocks       the replay rows of each cache size, in the same order
     */
    public static void write(Path png, String title, List<Double> sizePercents, List<List<ReplayResult>> blocks)
            throws IOException {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (List<ReplayResult> rows : blocks) {
            for (ReplayResult r : rows) {
                series.computeIfAbsent(seriesName(r), p -> new ArrayList<>()).add(r.hitRatio());
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("cache size (% of distinct keys)").yAxisTitle("hit ratio").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            XYSeries line = chart.addSeries(s.getKey(), sizePercents, s.getValue());
            line.setMarker(SeriesMarkers.CIRCLE);
            if (s.getKey().equals(BASELINE_SERIES)) {
                line.setLineColor(Color.BLACK);
                line.setMarkerColor(Color.BLACK);
                line.setLineStyle(SeriesLines.DASH_DASH);
            }
        }
        String file = png.toString();
        String base = file.toLowerCase(Locale.ROOT).endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }

    /** "lru successor", "tinylfu none (baseline)", "belady". */
    static String seriesName(ReplayResult r) {
        if (r.predictor().equals("belady")) {
            return "belady";
        }
        String name = r.eviction() + " " + r.predictor();
        return r.predictor().equals("none") && r.eviction().equals(ReplayEvaluation.BASELINE.label())
                ? BASELINE_SERIES : name;
    }
}
