package io.augur.server.client;

/**
 * The CLIENT LIST fields that the command families know about a client (subscriptions, the
 * MULTI queue, blocking), gathered from them for one line; {@link ClientSession#describe} writes it.
 */
public final class ClientFields {

    /** Redis's order of the flag letters (getClientInfoString); N when none is set. */
    private static final String FLAG_ORDER = "OSMPxbtRBdcuAUreT";

    private final StringBuilder flags = new StringBuilder();
    private int channels;
    private int patterns;
    private int shardChannels;
    private int multi = -1;

    public void channels(int value) { channels = value; }
    public void patterns(int value) { patterns = value; }
    public void shardChannels(int value) { shardChannels = value; }
    /** Commands queued since MULTI; -1 (the default) outside MULTI. */
    public void multi(int value) { multi = value; }

    /** Adds one of Redis's flag letters (P subscribed, x in MULTI, b blocked, d watched key touched, ...). */
    public void flag(char letter) {
        if (flags.indexOf(String.valueOf(letter)) < 0) {
            flags.append(letter);
        }
    }

    int channels() { return channels; }
    int patterns() { return patterns; }
    int shardChannels() { return shardChannels; }
    int multi() { return multi; }

    String flags(boolean closeAfterReply) {
        if (closeAfterReply) {
            flag('c');
        }
        if (flags.isEmpty()) {
            return "N";
        }
        StringBuilder ordered = new StringBuilder();
        for (char c : FLAG_ORDER.toCharArray()) {
            if (flags.indexOf(String.valueOf(c)) >= 0) {
                ordered.append(c);
            }
        }
        return ordered.toString();
    }
}
