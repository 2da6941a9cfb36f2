package io.augur.server.status;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.util.List;

/**
 * `/status.json`: the figures now and the samples kept, as the status page reads them. A ratio
 * with nothing counted (NaN in INFO) is written as null, since JSON has no NaN.
 */
public final class StatusJson {

    private static final Gson GSON = new GsonBuilder()
            .serializeNulls()
            .registerTypeAdapter(double.class, new FiniteOrNull())
            .registerTypeAdapter(Double.class, new FiniteOrNull())
            .create();

    private StatusJson() {
    }

    /** The document's shape; field names are the page's. */
    private record Document(double intervalSeconds, int capacity, StatusSample now, List<StatusSample> samples) {
    }

    public static String render(StatusSample now, List<StatusSample> samples) {
        return GSON.toJson(new Document(StatusHistory.INTERVAL_MILLIS / 1000.0, StatusHistory.CAPACITY, now, samples));
    }

    /** Doubles as numbers, NaN and infinities as null. */
    private static final class FiniteOrNull extends TypeAdapter<Double> {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            if (value == null || value.isNaN() || value.isInfinite()) {
                out.nullValue();
            } else {
                out.value(value.doubleValue());
            }
        }

        @Override
        public Double read(JsonReader in) {
            throw new UnsupportedOperationException("status JSON is written, never read");
        }
    }
}
