package dev.pulse.render;

import dev.pulse.model.FleetSpec;
import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.diag.Location;
import dev.pulse.model.diag.Rule;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.function.Supplier;

/**
 * A fleet defined in Java by a config repo: a public class with a public no-argument constructor implementing
 * {@code Supplier<FleetSpec>}, compiled by the repo's own build. Tools that load it (the Maven plugin) give the
 * class loader of that build; what goes wrong is a diagnostic naming the class and what to do.
 */
public final class FleetClass {

    /** The rule id of a fleet class that cannot be loaded or run. */
    static final Rule RULE = Rule.FLEET_CLASS;

    private FleetClass() {}

    /**
     * The spec {@code className} supplies.
     *
     * @param className the fully qualified class name
     * @param loader a class loader that sees the class and this library's model classes (as its parent)
     * @throws FleetException when the class is missing, is not a {@code Supplier<FleetSpec>}, or its {@code get()} fails
     */
    public static FleetSpec load(String className, ClassLoader loader) {
        Location at = Location.of(className);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw problem(at, "fleet class '" + className + "' is not on the build's classpath (" + e + ")",
                    "compile it in the same run, e.g. 'mvn compile pulse:render -Dpulse.fleetClass=" + className + "', and check the name");
        }
        if (!Supplier.class.isAssignableFrom(type) || !Modifier.isPublic(type.getModifiers()) || Modifier.isAbstract(type.getModifiers())) {
            throw problem(at, "fleet class '" + className + "' is not a public, concrete class implementing Supplier<FleetSpec>",
                    "declare it 'public final class " + type.getSimpleName() + " implements Supplier<FleetSpec>' and return Fleet.builder()...build() from get()");
        }
        Object supplied;
        try {
            supplied = ((Supplier<?>) type.getConstructor().newInstance()).get();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw problem(at, "fleet class '" + className + "' has no public no-argument constructor", "add 'public " + type.getSimpleName() + "() {}'");
        } catch (InvocationTargetException e) {
            throw failed(at, className, e.getCause());
        } catch (InstantiationException | RuntimeException | LinkageError e) {
            throw failed(at, className, e);
        }
        if (!(supplied instanceof FleetSpec spec)) {
            throw problem(at, "fleet class '" + className + "' returned " + (supplied == null ? "null" : "a " + supplied.getClass().getName())
                    + " instead of a FleetSpec", "return Fleet.builder()...build() from get()");
        }
        return spec;
    }

    private static FleetException failed(Location at, String className, Throwable cause) {
        StackTraceElement where = cause.getStackTrace().length == 0 ? null : cause.getStackTrace()[0];
        return problem(where == null || where.getFileName() == null ? at : new Location(where.getFileName(), Math.max(1, where.getLineNumber()), 1),
                "fleet class '" + className + "' failed while building the fleet: " + cause, "fix the exception in the class");
    }

    private static FleetException problem(Location at, String message, String hint) {
        return new FleetException(List.of(Diagnostic.error(RULE, at, message, hint)));
    }
}
