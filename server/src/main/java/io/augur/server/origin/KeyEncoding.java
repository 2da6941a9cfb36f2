package io.augur.server.origin;

/**
 * Spells binary keys as URL path segments and as file names, reversibly and without separators.
 */
final class KeyEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyEncoding() {
    }

    /**
     * Percent-encodes every byte outside RFC 3986's unreserved set, and a leading '.', so no key
     * can leave its path segment ('/', '?', '#') or read as a dot segment ("..") to a client-side normalizer.
     */
    static String forUrl(byte[] key) {
        return encode(key, false);
    }

    /**
     * Percent-encodes every byte outside [A-Za-z0-9._-], and a leading '.', so no key can name
     * ".", "..", a hidden file or a path with a separator.
     */
    static String forFileName(byte[] key) {
        return encode(key, true);
    }

    private static String encode(byte[] key, boolean fileName) {
        StringBuilder out = new StringBuilder(key.length + 16);
        for (int i = 0; i < key.length; i++) {
            int b = key[i] & 0xFF;
            boolean plain = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || (b == '.' && i != 0) || (b == '~' && !fileName);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(HEX[b >>> 4]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }
}
