package dev.pulse.render.tree;

import java.util.List;
import java.util.function.Function;

/**
 * Runs independent work on every core, in order, with the caller's context class loader. The worker
 * threads of the common pool carry the system class loader; inside a Maven plugin realm, libraries that
 * load classes through the context class loader (jinjava's expression factory) would not find theirs.
 */
public final class Parallel {

    private Parallel() {}

    /** {@code function} applied to each item in parallel; the results in the items' order. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> function) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return items.parallelStream().map(item -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                return function.apply(item);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }).toList();
    }
}
