package dev.pulse.model;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities for memory and sizes ({@code 128Gi}, {@code 500M}, {@code 1024}), as bytes. */
public final class Quantity {

    private static final Pattern FORM = Pattern.compile("([0-9]+)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?");
    private static final Map<String, BigInteger> UNITS = Map.of(
            "Ki", BigInteger.ONE.shiftLeft(10), "Mi", BigInteger.ONE.shiftLeft(20), "Gi", BigInteger.ONE.shiftLeft(30),
            "Ti", BigInteger.ONE.shiftLeft(40), "Pi", BigInteger.ONE.shiftLeft(50),
            "k", BigInteger.TEN.pow(3), "M", BigInteger.TEN.pow(6), "G", BigInteger.TEN.pow(9), "T", BigInteger.TEN.pow(12), "P", BigInteger.TEN.pow(15));

    private Quantity() {}

    /** Bytes of a whole-number quantity; empty for other forms (fractions and exponents are not used for memory here). */
    public static Optional<BigInteger> bytes(String quantity) {
        Matcher matcher = FORM.matcher(quantity);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        BigInteger number = new BigInteger(matcher.group(1));
        return Optional.of(matcher.group(2) == null ? number : number.multiply(UNITS.get(matcher.group(2))));
    }

    /** True for the huge page sizes x86 kernels offer: 2Mi and 1Gi. */
    public static boolean isHugePageSize(String size) {
        return size.equals("2Mi") || size.equals("1Gi");
    }
}
