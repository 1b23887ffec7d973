package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;

/**
 * Runs an Argo CD health check written in Lua on an object, the way Argo CD does
 * (argoproj/argo-cd {@code util/lua/lua.go}: the object is the global {@code obj}; the script returns a table
 * {@code {status, message}}). Sandboxed: only the base, table, string and math libraries (no io, os, luajava or
 * debug, and no {@code dofile}/{@code loadfile}/{@code require}), a fresh environment per run, and a bound on
 * executed instructions so a looping script fails instead of hanging the build.
 */
final class LuaHealth {

    /** Instructions a check may execute; Argo CD's checks need a few hundred. */
    static final int MAX_INSTRUCTIONS = 1_000_000;

    private static final Map<String, Prototype> COMPILED = new ConcurrentHashMap<>();

    private LuaHealth() {}

    /** A health check's answer: one of Healthy, Progressing, Degraded, Suspended, Missing, Unknown, and a message. */
    record Status(String status, String message) {
        boolean healthy() {
            return status.equals("Healthy");
        }
    }

    /** Runs {@code script} on {@code object}. Script errors become status {@code Unknown}, as in Argo CD. */
    static Status run(String script, String name, JsonNode object) {
        Prototype prototype;
        try {
            prototype = COMPILED.computeIfAbsent(script, text -> compile(text, name));
        } catch (LuaError e) {
            return new Status("Unknown", "health check " + name + " does not compile: " + e.getMessage());
        }
        Globals globals = sandbox();
        globals.set("obj", toLua(object));
        try {
            Varargs result = new LuaClosure(prototype, globals).invoke();
            LuaValue table = result.arg1();
            if (!table.istable()) {
                return new Status("Unknown", "health check " + name + " returned " + table.typename() + ", not a table");
            }
            LuaValue status = table.get("status");
            LuaValue message = table.get("message");
            return new Status(status.isnil() ? "" : status.tojstring(), message.isnil() ? "" : message.tojstring());
        } catch (LuaError e) {
            return new Status("Unknown", e.getMessage());
        }
    }

    private static Prototype compile(String script, String name) {
        Globals compiler = new Globals();
        LoadState.install(compiler);
        LuaC.install(compiler);
        try {
            return compiler.compilePrototype(new StringReader(script), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Globals sandbox() {
        Globals globals = new Globals();
        globals.load(new JseBaseLib());
        globals.load(new PackageLib());
        globals.load(new Bit32Lib());
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new JseMathLib());
        globals.load(new InstructionBound());
        // The hook stays installed (globals.debuglib) while the debug table itself is out of the script's reach.
        for (String name : List.of("debug", "dofile", "loadfile", "require", "package", "collectgarbage")) {
            globals.set(name, LuaValue.NIL);
        }
        return globals;
    }

    /** Counts executed instructions through LuaJ's debug hook and stops the script past the bound. */
    private static final class InstructionBound extends DebugLib {
        private int executed;

        @Override
        public void onInstruction(int pc, Varargs v, int top) {
            if (++executed > MAX_INSTRUCTIONS) {
                throw new LuaError("health check stopped after " + MAX_INSTRUCTIONS + " instructions");
            }
            super.onInstruction(pc, v, top);
        }
    }

    /** JSON to Lua as Argo CD hands objects over: maps become tables, lists 1-based sequences, null is nil. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            node.fields().forEachRemaining(e -> {
                LuaValue value = toLua(e.getValue());
                if (!value.isnil()) {
                    table.set(e.getKey(), value);
                }
            });
            return table;
        }
        if (node.isArray()) {
            List<LuaValue> values = new ArrayList<>();
            node.forEach(element -> values.add(toLua(element)));
            return LuaValue.listOf(values.toArray(new LuaValue[0]));
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return LuaValue.valueOf(node.intValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
