package io.augur.protocol;

import java.nio.charset.StandardCharsets;

/** One decoded client command: its arguments as bytes (the first is the command name). */
public final class RespCommand {

    private final byte[][] args;
    private final boolean inline;
    private String name;

    public RespCommand(byte[][] args, boolean inline) {
        this.args = args;
        this.inline = inline;
    }

    public int size() {
        return args.length;
    }

    public byte[] arg(int i) {
        return args[i];
    }

    /** The command name in lower case (ASCII), computed once. */
    public String name() {
        String n = name;
        if (n == null) {
            byte[] raw = args[0];
            byte[] lower = new byte[raw.length];
            for (int i = 0; i < raw.length; i++) {
                byte b = raw[i];
                lower[i] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
            }
            n = new String(lower, StandardCharsets.ISO_8859_1);
            name = n;
        }
        return n;
    }

    public boolean isInline() {
        return inline;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (byte[] a : args) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(new String(a, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
