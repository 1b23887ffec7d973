package dev.pulse.model.rules;

import dev.pulse.model.FleetSpec;
import dev.pulse.model.diag.Diagnostics;
import dev.pulse.model.diag.Rule;
import java.util.List;

/**
 * PULSE-GIT: Argo CD needs a repository URL it can clone and a relative path inside it.
 * Source: Argo CD Application spec.source.
 */
final class GitRules {

    private final Diagnostics diagnostics;

    GitRules(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    void check(FleetSpec fleet) {
        String url = fleet.git().repoURL();
        if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://") || url.startsWith("ssh://") || url.matches("[\\w.-]+@[\\w.-]+:.+"))) {
            diagnostics.error(Rule.GIT, fleet.source().of("git.repoURL"), "git repoURL '" + url + "' is not an http(s), ssh:// or scp-style git URL",
                    "write the URL Argo CD clones, e.g. https://git.example.com/infra/fleet.git");
        }
        String path = fleet.git().path();
        if (path.startsWith("/") || List.of(path.split("/")).contains("..")) {
            diagnostics.error(Rule.GIT, fleet.source().of("git.path"), "git path '" + path + "' must be relative to the repository root, without '..'",
                    "write the output folder as it stands in the repository, e.g. deploy");
        }
    }
}
