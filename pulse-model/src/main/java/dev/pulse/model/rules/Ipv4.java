package dev.pulse.model.rules;

import java.util.Optional;

/** Dotted-quad IPv4 addresses and subnets, for the RHOSO network rules. */
final class Ipv4 {

    private Ipv4() {}

    /** A subnet: its network address and prefix length. */
    record Subnet(long network, int prefix, String text) {
        boolean contains(String address) {
            return parse(address).map(a -> (a & mask()) == network).orElse(false);
        }

        long mask() {
            return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** The address as an unsigned 32-bit number, if it is a dotted quad. */
    static Optional<Long> parse(String address) {
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        long value = 0;
        for (String octet : address.split("\\.")) {
            int n = Integer.parseInt(octet);
            if (n > 255) {
                return Optional.empty();
            }
            value = value << 8 | n;
        }
        return Optional.of(value);
    }

    /** The subnet written as {@code a.b.c.d/n} with no host bits set. */
    static Optional<Subnet> subnet(String cidr) {
        String[] parts = cidr.split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(parts[1]);
        return parse(parts[0]).map(address -> new Subnet(address, prefix, cidr)).filter(s -> (s.network() & ~s.mask() & 0xFFFFFFFFL) == 0);
    }
}
