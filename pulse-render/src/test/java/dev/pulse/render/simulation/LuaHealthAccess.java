package dev.pulse.render.simulation;

import com.fasterxml.jackson.databind.JsonNode;

/** Lets tests of other packages run a Lua health check through the simulation's interpreter. */
public final class LuaHealthAccess {

    private LuaHealthAccess() {}

    /** The status a check gives {@code object}. */
    public static String status(String script, String name, JsonNode object) {
        return LuaHealth.run(script, name, object).status();
    }
}
