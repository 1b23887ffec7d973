package dev.pulse.model.rules;

import dev.pulse.model.Catalog;
import dev.pulse.model.Cluster;
import dev.pulse.model.HardwareProfile;
import dev.pulse.model.Host;
import dev.pulse.model.HostInterface;
import dev.pulse.model.HostInterface.IpMode;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Rules on host interface addresses and routes (NMState {@code ipv4}/{@code ipv6} and {@code routes}; nmstate.io
 * "Examples": static addresses are {@code address: [{ip, prefix-length}]}, DHCP is {@code dhcp: true}).
 * <ul>
 *   <li>PULSE-REF: a host's {@code addresses} names an interface its profile's hostNetworks do not have.</li>
 *   <li>PULSE-NETWORK: an address that is not {@code ip/prefix}; an address of a family the interface is not static
 *       for; a static interface without an address of that family on a host; the same address on two hosts; routes
 *       whose destination is not a CIDR or gateway not an address; static addresses on a machine pool (its nodes are
 *       replaced and share one configuration).</li>
 * </ul>
 */
final class HostNetworkRules {

    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}");

    private final Diagnostics diagnostics;

    HostNetworkRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** 4 or 6 for an address ({@code withPrefix}: {@code ip/prefix}), 0 when it is not one. */
    static int family(String text, boolean withPrefix) {
        String ip = text;
        if (withPrefix) {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return 0;
            }
            ip = text.substring(0, slash);
            String prefix = text.substring(slash + 1);
            if (!prefix.matches("\\d{1,3}")) {
                return 0;
            }
            int length = Integer.parseInt(prefix);
            if (IPV4.matcher(ip).matches()) {
                return length <= 32 ? 4 : 0;
            }
            return IPV6.matcher(ip).matches() && length <= 128 ? 6 : 0;
        }
        return IPV4.matcher(ip).matches() ? 4 : IPV6.matcher(ip).matches() ? 6 : 0;
    }

    void check(Cluster cluster, Map<String, HardwareProfile> profiles) {
        Map<String, String> seen = new HashMap<>();
        for (Host host : cluster.hosts()) {
            HardwareProfile profile = profiles.get(host.name());
            if (profile == null) {
                continue; // PULSE-REF on the profile
            }
            String who = "host '" + host.name() + "'";
            for (Map.Entry<String, List<String>> entry : host.addresses().entrySet()) {
                var iface = profile.hostNetworks().stream().filter(i -> i.name().equals(entry.getKey())).findFirst();
                if (iface.isEmpty()) {
                    diagnostics.error(Rule.REF, host.source().of("addresses"), who + " gives an address to '" + entry.getKey() + "', which hardware profile '"
                            + profile.name() + "' does not build", "add it to the profile's hostNetworks with 'ipv4: static', or fix the name");
                    continue;
                }
                for (String address : entry.getValue()) {
                    int family = family(address, true);
                    if (family == 0) {
                        diagnostics.error(Rule.NETWORK, host.source().of("addresses"), "address '" + address + "' of " + who + " on '" + entry.getKey()
                                + "' is not an address with a prefix length", "write it like 192.168.60.11/24 or fd00:60::11/64");
                        continue;
                    }
                    if ((family == 4 ? iface.get().ipv4() : iface.get().ipv6()) != IpMode.STATIC) {
                        diagnostics.error(Rule.NETWORK, host.source().of("addresses"), who + " gives '" + entry.getKey() + "' the IPv" + family + " address "
                                + address + ", but hardware profile '" + profile.name() + "' does not make it ipv" + family + ": static",
                                "set 'ipv" + family + ": static' on the interface, or drop the address");
                    }
                    String ip = address.substring(0, address.indexOf('/'));
                    String other = seen.putIfAbsent(ip, host.name());
                    if (other != null && !other.equals(host.name())) {
                        diagnostics.error(Rule.NETWORK, host.source().of("addresses"), "address " + ip + " of " + who + " is also host '" + other + "''s",
                                "give every host its own address");
                    }
                }
            }
            for (HostInterface iface : profile.hostNetworks()) {
                if (!iface.isStatic()) {
                    continue;
                }
                if (host.machinePool().isPresent()) {
                    diagnostics.error(Rule.NETWORK, host.source().of("machinePool"), "machine pool '" + host.name() + "' has static interface '" + iface.name()
                            + "' (profile '" + profile.name() + "'), but its nodes are replaced and share one configuration", "use 'ipv4: dhcp' on a machine pool");
                    continue;
                }
                List<String> addresses = host.addresses().getOrDefault(iface.name(), List.of());
                for (int family : List.of(4, 6)) {
                    if ((family == 4 ? iface.ipv4() : iface.ipv6()) == IpMode.STATIC && addresses.stream().noneMatch(a -> family(a, true) == family)) {
                        diagnostics.error(Rule.NETWORK, host.source().of("name"), who + " has no IPv" + family + " address for '" + iface.name()
                                + "', which hardware profile '" + profile.name() + "' makes ipv" + family + ": static",
                                "add 'addresses: {" + iface.name() + ": " + (family == 4 ? "192.168.60.11/24" : "fd00:60::11/64") + "}' to the host");
                    }
                }
            }
        }
    }

    /** Routes are the profile's: checked once per profile of the catalog. */
    void checkCatalog(Catalog catalog) {
        catalog.hardwareProfiles().values().forEach(this::checkRoutes);
    }

    private void checkRoutes(HardwareProfile profile) {
        for (HostInterface iface : profile.hostNetworks()) {
            for (HostInterface.Route route : iface.routes()) {
                if (family(route.destination(), true) == 0) {
                    diagnostics.error(Rule.NETWORK, route.source().of("destination"), "route destination '" + route.destination() + "' of host network '"
                            + iface.name() + "' is not a CIDR", "write it like 10.20.0.0/16, or 0.0.0.0/0 for a default route");
                } else if (family(route.gateway(), false) != family(route.destination(), true)) {
                    diagnostics.error(Rule.NETWORK, route.source().of("gateway"), "route gateway '" + route.gateway() + "' of host network '" + iface.name()
                            + "' is not an IPv" + family(route.destination(), true) + " address", "write the next hop's address, e.g. 192.168.60.1");
                }
                if (iface.ipv4() == IpMode.DISABLED && iface.ipv6() == IpMode.DISABLED) {
                    diagnostics.error(Rule.NETWORK, route.source().of("destination"), "host network '" + iface.name() + "' has routes but no addresses",
                            "set ipv4 or ipv6 to dhcp or static");
                }
            }
        }
    }
}
