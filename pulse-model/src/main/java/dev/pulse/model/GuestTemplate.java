package dev.pulse.model;

/**
 * A guest-configuration template: Jinja text that renders to a cloud-config fragment.
 *
 * @param name the name roles list under {@code guest:}
 * @param text the template
 * @param origin where it came from, e.g. {@code builtin:ptp.yaml.j2} or {@code templates/ptp.yaml.j2}
 */
public record GuestTemplate(String name, String text, String origin) {}
