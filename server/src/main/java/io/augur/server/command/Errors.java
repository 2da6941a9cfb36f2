package io.augur.server.command;

/** Error replies with Redis's exact wording (without the leading '-'). */
public final class Errors {

    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    public static final String NOT_FLOAT = "ERR value is not a valid float";
    public static final String OVERFLOW = "ERR increment or decrement would overflow";
    public static final String NAN_OR_INFINITY = "ERR increment would produce NaN or Infinity";
    public static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public static final String NO_SUCH_KEY = "ERR no such key";
    public static final String NOAUTH = "NOAUTH Authentication required.";
    public static final String WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";
    public static final String AUTH_NOT_CONFIGURED = "ERR AUTH <password> called without any password configured "
            + "for the default user. Are you sure your configuration is correct?";
    public static final String DB_OUT_OF_RANGE = "ERR DB index is out of range";
    public static final String STRING_TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public static final String OFFSET_OUT_OF_RANGE = "ERR offset is out of range";
    public static final String INVALID_CURSOR = "ERR invalid cursor";
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    public static final String NOPROTO = "NOPROTO unsupported protocol version";
    public static final String NO_SUCH_CLIENT = "ERR No such client";
    public static final String MAX_CLIENTS = "ERR max number of clients reached";
    /** Redis's refusal of a non-loopback client while protected mode is on and no password is set. */
    public static final String DENIED = "DENIED Redis is running in protected mode because protected mode is enabled "
            + "and no password is set for the default user. In this mode connections are only accepted from the "
            + "loopback interface. If you want to connect from external computers to Redis you may adopt one of the "
            + "following solutions: 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' "
            + "from the loopback interface by connecting to Redis from the same host the server is running, however "
            + "MAKE SURE Redis is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this "
            + "change permanent. 2) Alternatively you can just disable the protected mode by editing the Redis "
            + "configuration file, and setting the protected mode option to 'no', and then restarting the server. "
            + "3) If you started the server manually just for testing, restart it with the '--protected-mode no' "
            + "option. 4) Set up an authentication password for the default user. NOTE: You only need to do one of "
            + "the above things in order for the server to start accepting connections from the outside.";
    public static final String TIMEOUT_NOT_INTEGER = "ERR timeout is not an integer or out of range";

    private Errors() {
    }

    public static String wrongArity(String command) {
        return "ERR wrong number of arguments for '" + command + "' command";
    }

    public static String invalidExpireTime(String command) {
        return "ERR invalid expire time in '" + command + "' command";
    }

    public static String unknownSubcommand(String sub, String command) {
        return "ERR unknown subcommand '" + abbreviate(sub) + "'. Try " + command.toUpperCase() + " HELP.";
    }

    /** Redis's text for an unknown command: the name and up to the first arguments, each quoted. */
    public static String unknownCommand(byte[][] args) {
        StringBuilder sb = new StringBuilder("ERR unknown command '")
                .append(abbreviate(ascii(args[0]))).append("', with args beginning with: ");
        for (int i = 1; i < args.length && sb.length() < 256; i++) {
            sb.append('\'').append(abbreviate(ascii(args[i]))).append("' ");
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    private static String ascii(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
