package io.augur.server.store;

/** The kind of value a key holds, as TYPE names it; the code is kept in the entry's flags byte. */
public enum ValueType {
    /** Code 0: entries written before types existed read as strings. */
    STRING(0, "string"),
    HASH(1, "hash"),
    LIST(2, "list"),
    SET(3, "set"),
    ZSET(4, "zset");

    private static final ValueType[] BY_CODE = values();

    private final int code;
    private final String typeName;

    ValueType(int code, String typeName) {
        this.code = code;
        this.typeName = typeName;
    }

    /** The 3-bit code stored in the entry header. */
    int code() {
        return code;
    }

    /** The name TYPE replies and SCAN ... TYPE matches. */
    public String typeName() {
        return typeName;
    }

    static ValueType ofCode(int code) {
        return code < BY_CODE.length ? BY_CODE[code] : STRING;
    }

    /** The type named as TYPE names it, or null. */
    public static ValueType named(String name) {
        for (ValueType t : BY_CODE) {
            if (t.typeName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
