package io.augur.predictor.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Draws hit ratio against cache size, one line per predictor, as a PNG (XChart). */
public final class HitRatioPlot {

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
                series.computeIfAbsent(r.predictor(), p -> new ArrayList<>()).add(r.hitRatio());
            }
        }
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("cache size (% of distinct keys)").yAxisTitle("hit ratio").build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            chart.addSeries(s.getKey(), sizePercents, s.getValue()).setMarker(SeriesMarkers.CIRCLE);
        }
        String file = png.toString();
        String base = file.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? file.substring(0, file.length() - 4) : file;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }
}
