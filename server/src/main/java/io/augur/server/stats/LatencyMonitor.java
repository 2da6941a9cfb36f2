package io.augur.server.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * LATENCY: per event ("command", "fast-command"), the samples at or above latency-monitor-threshold,
 * one per second (the highest of that second), the last 160 as Redis keeps, plus the all-time highest.
 */
public final class LatencyMonitor {

    /** Redis's LATENCY_TS_LEN: samples kept per event. */
    static final int HISTORY_SAMPLES = 160;

    /** One sample: the second it fell in and the latency in milliseconds. */
    public record Sample(long timeSeconds, long latencyMillis) {
    }

    /** An event's latest sample and its all-time highest latency. */
    public record Latest(String event, Sample latest, long maxMillis) {
    }

    private static final class Series {
        final Sample[] ring = new Sample[HISTORY_SAMPLES];
        int next;
        long max;

        Sample latest() {
            return ring[(next + HISTORY_SAMPLES - 1) % HISTORY_SAMPLES];
        }
    }

    private final Map<String, Series> events = new TreeMap<>();

    public synchronized void add(String event, long timeSeconds, long latencyMillis) {
        Series s = events.computeIfAbsent(event, e -> new Series());
        s.max = Math.max(s.max, latencyMillis);
        Sample last = s.latest();
        if (last != null && last.timeSeconds() == timeSeconds) {
            s.ring[(s.next + HISTORY_SAMPLES - 1) % HISTORY_SAMPLES] =
                    new Sample(timeSeconds, Math.max(last.latencyMillis(), latencyMillis));
            return;
        }
        s.ring[s.next] = new Sample(timeSeconds, latencyMillis);
        s.next = (s.next + 1) % HISTORY_SAMPLES;
    }

    public synchronized List<Latest> latest() {
        List<Latest> result = new ArrayList<>();
        events.forEach((name, s) -> result.add(new Latest(name, s.latest(), s.max)));
        return result;
    }

    /** The event's samples, oldest first; empty for an unknown event. */
    public synchronized List<Sample> history(String event) {
        Series s = events.get(event);
        List<Sample> result = new ArrayList<>();
        if (s != null) {
            for (int i = 0; i < HISTORY_SAMPLES; i++) {
                Sample sample = s.ring[(s.next + i) % HISTORY_SAMPLES];
                if (sample != null) {
                    result.add(sample);
                }
            }
        }
        return result;
    }

    /** Forgets the named events (all when none is named); returns how many were forgotten. */
    public synchronized int reset(List<String> names) {
        if (names.isEmpty()) {
            int n = events.size();
            events.clear();
            return n;
        }
        int n = 0;
        for (String name : names) {
            if (events.remove(name) != null) {
                n++;
            }
        }
        return n;
    }

    public synchronized boolean empty() {
        return events.isEmpty();
    }
}
