package dev.pulse.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A PCI vendor:device pair such as {@code 10de:26b1}, kept in lower case as {@code lspci -nn} prints it.
 *
 * @param vendor four lower-case hex digits
 * @param device four lower-case hex digits
 */
public record PciId(String vendor, String device) {

    private static final Pattern FORM = Pattern.compile("([0-9a-fA-F]{4}):([0-9a-fA-F]{4})");

    public PciId {
        if (!FORM.matcher(vendor + ":" + device).matches()) {
            throw new IllegalArgumentException("not a PCI id: " + vendor + ":" + device);
        }
        vendor = vendor.toLowerCase(Locale.ROOT);
        device = device.toLowerCase(Locale.ROOT);
    }

    /** Parses {@code VVVV:DDDD} (either case); empty when the text has another form. */
    public static Optional<PciId> parse(String text) {
        var matcher = FORM.matcher(text.trim());
        return matcher.matches() ? Optional.of(new PciId(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** The form HyperConverged's {@code pciDeviceSelector} wants: upper case {@code VVVV:DDDD}. */
    public String selector() {
        return toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return vendor + ":" + device;
    }
}
