package dev.pulse.model;

import dev.pulse.model.diag.Location;
import java.security.CodeSource;
import java.util.Map;

/**
 * Where a record built in code was built: the first stack frame outside pulse-model's own classes (and the JDK's), as
 * {@code File.java:line:1}, so a rule error in a fleet written in Java points at the line that wrote the value.
 * Frames are skipped by package and code source together, so tests in the {@code dev.pulse.model} package (which
 * load from another directory) count as callers.
 */
final class Caller {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource OWN = Caller.class.getProtectionDomain().getCodeSource();

    private Caller() {}

    /** The caller's location. */
    static Location location() {
        return WALKER.walk(frames -> frames.filter(frame -> !isOwn(frame.getDeclaringClass()))
                .findFirst()
                .map(frame -> new Location(fileName(frame), Math.max(frame.getLineNumber(), 1), 1))
                .orElse(Location.of("<code>")));
    }

    /** A source for a record built at the caller's line, without per-field locations. */
    static Source source() {
        return new Source(location(), Map.of());
    }

    /** Pulse's model classes, and the JDK's (streams and the like between a builder and the builder it calls), are never the caller. */
    private static boolean isOwn(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("jdk.")
                || name.startsWith("dev.pulse.model.") && java.util.Objects.equals(type.getProtectionDomain().getCodeSource(), OWN);
    }

    private static String fileName(StackWalker.StackFrame frame) {
        String file = frame.getFileName();
        if (file != null) {
            return file;
        }
        Class<?> type = frame.getDeclaringClass();
        while (type.getEnclosingClass() != null) {
            type = type.getEnclosingClass();
        }
        return type.getSimpleName() + ".java";
    }
}
