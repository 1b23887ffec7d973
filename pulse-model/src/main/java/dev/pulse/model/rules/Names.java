package dev.pulse.model.rules;

import java.util.regex.Pattern;

/** Kubernetes name forms. A name that passes {@link #isLabel} is also safe as one path segment. */
public final class Names {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Names() {}

    /** DNS-1123 label: lower-case alphanumerics and '-', at most 63 characters (Namespace, VM, Service names). */
    public static boolean isLabel(String name) {
        return name.length() <= 63 && LABEL.matcher(name).matches();
    }

    /** DNS-1123 subdomain: labels joined by '.', at most 253 characters (Node names). */
    public static boolean isSubdomain(String name) {
        return name.length() <= 253 && SUBDOMAIN.matcher(name).matches();
    }
}
