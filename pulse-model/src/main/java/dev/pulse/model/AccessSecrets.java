package dev.pulse.model;

import java.util.Optional;

/**
 * Existing Secrets that give access to a cluster's VMs. Pulse writes references only, never a key or
 * password: KubeVirt {@code accessCredentials} propagate them into the guest.
 *
 * @param sshKeys Secret holding authorized SSH public keys (propagated through cloud-init NoCloud)
 * @param passwords Secret holding user passwords (propagated through the QEMU guest agent)
 */
public record AccessSecrets(Optional<String> sshKeys, Optional<String> passwords) {

    public static final AccessSecrets NONE = new AccessSecrets(Optional.empty(), Optional.empty());
}
