package dev.pulse.render.simulation;

import java.math.BigDecimal;
import java.util.Map;

/** Kubernetes resource quantities (k8s.io/apimachinery pkg/api/resource) in bytes, and huge page size names. */
final class Quantities {

    private static final Map<String, Long> SUFFIXES = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "Ti", 1L << 40,
            "k", 1_000L, "M", 1_000_000L, "G", 1_000_000_000L, "T", 1_000_000_000_000L);

    private Quantities() {}

    static long bytes(String quantity) {
        String text = quantity.trim();
        for (String suffix : new String[] {"Ki", "Mi", "Gi", "Ti", "k", "M", "G", "T"}) {
            if (text.endsWith(suffix)) {
                return new BigDecimal(text.substring(0, text.length() - suffix.length())).multiply(BigDecimal.valueOf(SUFFIXES.get(suffix))).longValue();
            }
        }
        return text.isEmpty() ? 0 : new BigDecimal(text).longValue();
    }

    /** A kernel huge page size ({@code 1G}, {@code 2M}) or a quantity ({@code 1Gi}) as the Kubernetes resource suffix: {@code 1Gi}, {@code 2Mi}. */
    static String pageSize(String size) {
        String text = size.trim();
        if (text.endsWith("G") || text.endsWith("M") || text.endsWith("K")) {
            return text.substring(0, text.length() - 1) + (text.endsWith("K") ? "Ki" : text.charAt(text.length() - 1) + "i");
        }
        return text;
    }
}
