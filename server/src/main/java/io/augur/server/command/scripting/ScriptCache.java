package io.augur.server.command.scripting;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/** Compiled scripts by the SHA1 of their source (SCRIPT LOAD, EVAL, EVALSHA); emptied by SCRIPT FLUSH. */
final class ScriptCache {

    /** The chunk name Redis 7 gives user scripts; error texts carry it ("user_script:1: ..."). */
    static final String CHUNK_NAME = "user_script";

    private final Map<String, Prototype> bySha = new HashMap<>();

    /** Compiles and caches; returns the lower-case hex SHA1. */
    String load(byte[] source) {
        String sha = sha1(source);
        if (!bySha.containsKey(sha)) {
            bySha.put(sha, compile(source));
        }
        return sha;
    }

    /** The compiled script, or null (NOSCRIPT). */
    Prototype get(String sha) {
        return bySha.get(sha);
    }

    boolean contains(String sha) {
        return bySha.containsKey(sha);
    }

    void clear() {
        bySha.clear();
    }

    int size() {
        return bySha.size();
    }

    private static Prototype compile(byte[] source) {
        try {
            return withoutTailCalls(LuaC.instance.compile(new ByteArrayInputStream(source), "@" + CHUNK_NAME));
        } catch (LuaError | IOException e) {
            throw new io.augur.server.command.CommandError(
                    "ERR Error compiling script (new function): " + oneLine(e.getMessage()));
        }
    }

    /**
     * Turns every tail call into a plain call (the RETURN after it already returns all its results).
     * luaj runs a tail-called function after the caller's frame is gone, so an error there would
     * lose the script line Redis reports ("user_script:1: ..." and "on @user_script:1").
     */
    static Prototype withoutTailCalls(Prototype p) {
        for (int pc = 0; pc < p.code.length; pc++) {
            if (Lua.GET_OPCODE(p.code[pc]) == Lua.OP_TAILCALL) {
                p.code[pc] = (p.code[pc] & ~Lua.MASK_OP) | Lua.OP_CALL; // keeps A and B; C = 0: all results
            }
        }
        for (Prototype nested : p.p) {
            withoutTailCalls(nested);
        }
        return p;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replace('\r', ' ').replace('\n', ' ');
    }

    static String sha1(byte[] source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
