package dev.pulse.render.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where Argo CD's built-in Lua health checks come from: a folder laid out like argoproj/argo-cd's
 * {@code resource_customizations/<group>/<Kind>/health.lua}. Pulse does not ship copies of them; without a
 * folder ({@link #none()}), kinds Argo CD judges in Lua are judged by whether the simulated controller has
 * reconciled the object (Healthy) or not (Progressing) — close to those scripts, but not them.
 */
public final class ArgoCdHealth {

    private final Optional<Path> folder;
    private final Map<String, Optional<String>> scripts = new ConcurrentHashMap<>();

    private ArgoCdHealth(Optional<Path> folder) {
        this.folder = folder;
    }

    /** Argo CD's scripts from {@code folder}; it must exist. */
    public static ArgoCdHealth folder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is not a folder of Argo CD health checks (<group>/<Kind>/health.lua)");
        }
        return new ArgoCdHealth(Optional.of(folder));
    }

    /** No scripts: kinds Argo CD judges in Lua are approximated from the simulated controllers. */
    public static ArgoCdHealth none() {
        return new ArgoCdHealth(Optional.empty());
    }

    boolean hasFolder() {
        return folder.isPresent();
    }

    /** The built-in script for {@code group/Kind}, if Argo CD has one in the folder. */
    Optional<String> script(String group, String kind) {
        return scripts.computeIfAbsent(group + "/" + kind, key -> folder.map(root -> root.resolve(group).resolve(kind).resolve("health.lua"))
                .filter(Files::isRegularFile).map(ArgoCdHealth::read));
    }

    /**
     * Kinds argoproj/argo-cd judges with a built-in Lua script that the simulation meets (resource_customizations
     * at the commit named in ../shared/argocd-health/SOURCES.md); used to approximate when there is no folder.
     */
    static boolean upstreamHasScript(String group, String kind) {
        return switch (group + "/" + kind) {
            case "cdi.kubevirt.io/DataVolume", "kubevirt.io/VirtualMachine", "kubevirt.io/VirtualMachineInstance",
                    "nmstate.io/NodeNetworkConfigurationPolicy", "ocs.openshift.io/StorageCluster", "operators.coreos.com/Subscription" -> true;
            default -> false;
        };
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
