package dev.pulse.render.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.model.GuestTemplate;
import dev.pulse.profiles.BuiltinProfiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("CloudInit: guest templates")
class CloudInitTest {

    private final CloudInit cloudInit = new CloudInit();

    private static final GuestNetwork CAMERAS = new GuestNetwork("cameras", "sriov", 0, 0, GuestNetwork.mac("c", "ns", "optik-01", "cameras"));

    private static Map<String, Object> context(Map<String, String> vars) {
        return CloudInit.context(Map.of("name", "optik-01", "cluster", "c"), List.of(CAMERAS), vars);
    }

    private static GuestTemplate builtin(String name) {
        return BuiltinProfiles.catalog().template(name).orElseThrow();
    }

    private CloudInit.Result render(String text) {
        return cloudInit.render(List.of(new GuestTemplate("t", text, "templates/t.yaml.j2")), context(Map.of()));
    }

    @Nested
    @DisplayName("issue 20: limits fail with the template and line, they never truncate")
    class Limits {
        @Test
        @DisplayName("range(10**9) is refused, not cut to 1000 items")
        void hugeRange() {
            CloudInit.Result result = render("runcmd:\n{% for i in range(10**9) %}\n  - echo {{ i }}\n{% endfor %}\n");
            assertThat(result.userData()).isEmpty();
            assertThat(result.problems()).singleElement().asString().startsWith("templates/t.yaml.j2:2: ")
                    .contains("range(1000000000) has more than 1000 items");
        }

        @Test
        @DisplayName("nested loops that together ask for more than 100 000 items are refused")
        void nestedLoops() {
            CloudInit.Result result = render("{% for i in range(1000) %}{% for j in range(1000) %}{% endfor %}{% endfor %}\n");
            assertThat(result.problems()).singleElement().asString().startsWith("templates/t.yaml.j2:1: ").contains("more than 100000 items in all");
        }

        @Test
        @DisplayName("a recursive macro is refused at the line that defines it, not rendered as an empty string")
        void recursiveMacro() {
            CloudInit.Result result = render("runcmd:\n{% macro f(n) %}{{ f(n) }}{% endmacro %}\n  - echo a{{ f(1) }}b\n");
            assertThat(result.userData()).isEmpty();
            assertThat(result.problems()).singleElement().asString().startsWith("templates/t.yaml.j2:2: ").contains("macro 'f'");
        }

        @Test
        @DisplayName("a loop within the limits renders every item")
        void withinLimits() {
            CloudInit.Result result = render("runcmd:\n{% for i in range(1000) %}\n  - echo {{ i }}\n{% endfor %}\n");
            assertThat(result.problems()).isEmpty();
            assertThat(result.userData()).contains("- echo 999");
        }
    }

    @Nested
    @DisplayName("built-in templates")
    class Builtins {
        @Test
        @DisplayName("ptp: linuxptp, ptp4l.conf and a unit that finds the camera VF by MAC")
        void ptp() {
            String userData = cloudInit.render(List.of(builtin("ptp")), context(Map.of())).userData();
            assertThat(userData).startsWith("#cloud-config\n").contains("- linuxptp", "path: /etc/ptp4l.conf", "time_stamping hardware",
                    "path: /etc/systemd/system/ptp4l.service", "mac=\"" + CAMERAS.mac() + "\"", "systemctl enable --now ptp4l.service");
        }

        @Test
        @DisplayName("evt-network: NetworkManager keyfile on the camera VF, MTU 9000, the VM's address")
        void evtNetwork() {
            String userData = cloudInit.render(List.of(builtin("evt-network")), context(Map.of("cameraAddress", "192.168.50.11/24"))).userData();
            assertThat(userData).contains("path: /etc/NetworkManager/system-connections/cameras.nmconnection", "mac-address=" + CAMERAS.mac(),
                    "mtu=9000", "address1=192.168.50.11/24", "permissions: \"0600\"");
        }

        @Test
        @DisplayName("evt-network without the VM's camera address is a problem, not an empty address")
        void evtNetworkNeedsAnAddress() {
            CloudInit.Result result = cloudInit.render(List.of(builtin("evt-network")), context(Map.of()));
            assertThat(result.userData()).isEmpty();
            assertThat(result.problems()).singleElement().asString().startsWith("builtin:templates/evt-network.yaml.j2:").contains("cameraAddress");
        }

        @Test
        @DisplayName("nvidia-driver and qemu-guest-agent: packages and commands")
        void driverAndAgent() {
            String userData = cloudInit.render(List.of(builtin("nvidia-driver"), builtin("qemu-guest-agent")), context(Map.of())).userData();
            assertThat(userData).contains("- qemu-guest-agent", "dnf -y module install nvidia-driver:latest-dkms", "blacklist nouveau");
        }

        @Test
        @DisplayName("fragments merge in role order: lists concatenate, output is the same every time")
        void mergeOrderAndDeterminism() {
            List<GuestTemplate> templates = List.of(builtin("ptp"), builtin("qemu-guest-agent"));
            String first = cloudInit.render(templates, context(Map.of())).userData();
            assertThat(first).isEqualTo(new CloudInit().render(templates, context(Map.of())).userData());
            assertThat(first.indexOf("- linuxptp")).isLessThan(first.indexOf("- qemu-guest-agent"));
            assertThat(first.indexOf("ptp4l.service\n")).isLessThan(first.indexOf("systemctl enable --now qemu-guest-agent"));
        }
    }

    @Nested
    @DisplayName("sandbox")
    class Sandbox {
        @Test
        void cannotIncludeFiles() {
            CloudInit.Result result = render("{% include '/etc/passwd' %}\nbootcmd: [x]\n");
            assertThat(result.problems()).isNotEmpty();
            assertThat(result.userData()).doesNotContain("root:");
        }

        @Test
        void cannotImportOrExtend() {
            assertThat(render("{% import '/etc/hosts' as h %}\nbootcmd: [x]\n").problems()).isNotEmpty();
            assertThat(render("{% extends '/etc/hosts' %}\n").problems()).isNotEmpty();
        }

        @Test
        void cannotReachJavaObjectsOrTheEnvironment() {
            CloudInit.Result result = render("bootcmd: [\"{{ vars.getClass() }}\", \"{{ env }}\", \"{{ System }}\"]\n");
            assertThat(result.userData()).doesNotContain("java.", "PATH=", "HOME");
        }

        @Test
        void clockFunctionsAreDisabled() {
            for (String clock : List.of("{{ today() }}", "{{ unixtimestamp() }}", "{{ datetimeformat() }}", "{{ 0|unixtimestamp }}", "{{ none|datetimeformat }}")) {
                CloudInit.Result result = render("bootcmd: [\"" + clock + "\"]\n");
                assertThat(result.userData()).as(clock).doesNotContain("20", "17");
                assertThat(result.problems()).as(clock).isNotEmpty();
            }
        }

        @Test
        void unknownVariablesAreProblems() {
            assertThat(render("bootcmd: [\"{{ vars.nothing }}{{ nope }}\"]\n").problems()).isNotEmpty();
        }

        @Test
        void literalPasswordsAreRefused() {
            CloudInit.Result result = render("chpasswd:\n  list: |\n    root:hunter2\npassword: hunter2\n");
            assertThat(result.userData()).isEmpty();
            assertThat(result.problems()).singleElement().asString().contains("password or private key");
        }

        @Test
        void privateKeysAreRefusedInAnyCase() {
            assertThat(render("write_files: [{content: \"-----begin rsa private key-----\"}]\n").problems()).singleElement().asString()
                    .contains("password or private key");
            assertThat(render("bootcmd: [\"echo compass\"]\n").problems()).isEmpty();
        }

        @Test
        @DisplayName("what one template sets, the next does not see; an error in one leaves the next to render")
        void templatesOfOneVmDoNotShareState() {
            CloudInit.Result result = cloudInit.render(List.of(
                    new GuestTemplate("a", "{% set leaked = 'x' %}{% macro m() %}y{% endmacro %}hostname: a\n", "a"),
                    new GuestTemplate("b", "bootcmd: [\"{{ leaked }}\"]\n", "b"),
                    new GuestTemplate("c", "runcmd: [\"{{ m() }}\"]\n", "c"),
                    new GuestTemplate("d", "packages: [\"{{ vm.name }}\"]\n", "d")), context(Map.of()));
            assertThat(result.problems()).hasSize(2).anySatisfy(problem -> assertThat(problem).startsWith("b:"))
                    .anySatisfy(problem -> assertThat(problem).startsWith("c:"));
            CloudInit.Result clean = cloudInit.render(List.of(new GuestTemplate("d", "packages: [\"{{ vm.name }}\"]\n", "d")), context(Map.of()));
            assertThat(clean.problems()).isEmpty();
            assertThat(clean.userData()).contains("optik-01");
        }

        @Test
        void theInterpreterObjectIsOutOfReach() {
            CloudInit.Result result = render("bootcmd: [\"{{ ____int3rpr3t3r____ }}\"]\n");
            assertThat(result.userData()).isEmpty();
            assertThat(result.problems()).singleElement().asString().contains("internal variable");
        }

        @Test
        @DisplayName("a template renders once per distinct values of what it names, and never mixes up two VMs")
        void rendersAreSharedOnlyWhenWhatTheTemplateReadsIsEqual() {
            GuestTemplate byName = new GuestTemplate("n", "hostname: \"{{ vm.name }}\"\n", "n");
            GuestTemplate byVars = new GuestTemplate("v", "bootcmd: [\"{{ vars.stream | default('x') }}\"]\n", "v");
            Map<String, Object> first = CloudInit.context(Map.of("name", "a-01"), List.of(), Map.of("stream", "535"));
            Map<String, Object> second = CloudInit.context(Map.of("name", "a-02"), List.of(), Map.of("stream", "535"));
            Map<String, Object> third = CloudInit.context(Map.of("name", "a-01"), List.of(), Map.of("stream", "550"));
            List<GuestTemplate> templates = List.of(byName, byVars);
            assertThat(cloudInit.render(templates, first).userData()).contains("hostname: a-01", "- \"535\"");
            assertThat(cloudInit.render(templates, second).userData()).contains("hostname: a-02", "- \"535\"");
            assertThat(cloudInit.render(templates, third).userData()).contains("hostname: a-01", "- \"550\"");
            assertThat(cloudInit.render(templates, second).userData()).isEqualTo(new CloudInit().render(templates, second).userData());
        }

        @Test
        void conflictingScalarsAreProblems() {
            CloudInit.Result result = cloudInit.render(List.of(new GuestTemplate("a", "hostname: one\n", "a"), new GuestTemplate("b", "hostname: two\n", "b")),
                    context(Map.of()));
            assertThat(result.problems()).containsExactly("templates 'a' and 'b' both set 'hostname' differently");
        }
    }
}
