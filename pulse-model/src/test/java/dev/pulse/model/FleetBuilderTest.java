package dev.pulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pulse.model.diag.Diagnostic;
import dev.pulse.model.diag.FleetException;
import dev.pulse.model.diag.Location;
import dev.pulse.model.load.FleetLoader;
import dev.pulse.model.load.FleetLoader.NamedContent;
import dev.pulse.model.resolve.Resolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Builders: a fleet written in Java, with fleet.yaml's defaults and locations in the calling file")
class FleetBuilderTest {

    private static Catalog corpusCatalog() {
        try (InputStream in = FleetBuilderTest.class.getResourceAsStream("/corpus/catalog.yaml")) {
            return FleetLoader.readCatalog(List.of(new NamedContent("catalog.yaml", in.readAllBytes())), CorpusTest.LIMITS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line this is called from. */
    private static int line() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow().getLineNumber());
    }

    @Nested
    @DisplayName("defaults")
    class Defaults {

        @Test
        void anEmptySpecHasTheFileDefaults() {
            FleetSpec spec = Fleet.builder().build();

            assertThat(spec.name()).isEmpty();
            assertThat(spec.origin()).isEqualTo("FleetBuilderTest.java");
            assertThat(spec.git()).isEqualTo(new GitSource("", "HEAD", "deploy"));
            assertThat(spec.argocd()).isEqualTo(new ArgoCdSettings("openshift-gitops", "openshift-gitops", "default"));
            assertThat(spec.clusters()).isEmpty();
        }

        @Test
        void aClusterHasTheFileDefaults() {
            Cluster cluster = Fleet.builder().name("pulse").cluster(c -> c.name("studio")).build().clusters().get(0);

            assertThat(cluster.topology()).isEqualTo(Topology.STANDARD);
            assertThat(cluster.server()).isEqualTo("https://kubernetes.default.svc");
            assertThat(cluster.gpuOperator()).isTrue();
            assertThat(cluster.vmNamespace()).as("the fleet name, set after the cluster").isEqualTo("pulse");
            assertThat(cluster.storage()).isEqualTo(new StorageDefaults("", AccessMode.READ_WRITE_ONCE, "50Gi", List.of()));
            assertThat(cluster.platform()).isEqualTo(Platform.OPENSHIFT_VIRTUALIZATION);
        }

        @Test
        void aVmRunsAndARoleHasOneCoreAndFourGi() {
            Vm vm = Vm.builder().name("a").role("r").build();
            Role role = Role.builder().name("r").build();

            assertThat(vm.runStrategy()).isEqualTo(RunStrategy.ALWAYS);
            assertThat(vm.shape()).isEqualTo(VmShape.NONE);
            assertThat(role.vcpus()).isEqualTo(1);
            assertThat(role.memory()).isEqualTo("4Gi");
            assertThat(role.description()).isEqualTo("r");
        }

        @Test
        void anOdfBackendSharesVolumes() {
            StorageDefaults storage = StorageDefaults.builder().backend(StorageBackend.Type.ODF).build();

            assertThat(storage.accessMode()).isEqualTo(AccessMode.READ_WRITE_MANY);
            assertThat(storage.backend()).isPresent();
        }

        @Test
        void anRhosoClusterGetsTheOpenStackDefaults() {
            Cluster cluster = Cluster.builder().name("osp").platform(Platform.RHOSO).build();

            assertThat(cluster.rhoso()).hasValueSatisfying(rhoso -> {
                assertThat(rhoso.namespace()).isEqualTo("openstack");
                assertThat(rhoso.secret()).isEqualTo("osp-secret");
            });
            assertThat(Cluster.builder().build().rhoso()).isEmpty();
        }

        @Test
        void aRetiredVmLandsInRetiredVms() {
            Cluster cluster = Fleet.builder().name("pulse").cluster(c -> c.name("studio")
                    .vm(v -> v.name("old").role("gpu").retired(Retirement.KEEP_DISKS))
                    .vm(v -> v.name("new").role("gpu"))).build().clusters().get(0);

            assertThat(cluster.vms()).extracting(Vm::name).containsExactly("new");
            assertThat(cluster.retiredVms()).extracting(Vm::name).containsExactly("old");
        }

        @Test
        void aNamedOriginReplacesTheCallingFile() {
            assertThat(Fleet.builder().origin("studio-fleet").build().origin()).isEqualTo("studio-fleet");
        }
    }

    @Nested
    @DisplayName("locations")
    class Locations {

        @Test
        void aRuleErrorPointsAtTheLineOfTheVmCall() {
            FleetSpec.Builder fleet = Fleet.builder().name("corpus").git("https://git.example.com/fleet.git");
            int vmLine = line() + 1;
            fleet.cluster(c -> c.name("c").host("h1", "gpu-box").vm(v -> v.name("a").role("nope").host("h1")));

            FleetException e = catchThrowableOfType(() -> Resolver.resolve(fleet.build(), corpusCatalog()), FleetException.class);

            assertThat(e).isNotNull();
            Diagnostic undefined = e.diagnostics().stream().filter(d -> d.message().contains("'nope'")).findFirst().orElseThrow();
            assertThat(undefined.id()).isEqualTo("PULSE-REF");
            assertThat(undefined.location()).isEqualTo(new Location("FleetBuilderTest.java", vmLine, 1));
            assertThat(undefined.format()).startsWith("FleetBuilderTest.java:" + vmLine + ":1: error: vm 'a' has role 'nope'");
        }

        @Test
        void aBuiltInRoleReplacedInCodeIsANoteAtItsLine() {
            FleetSpec.Builder fleet = Fleet.builder().name("corpus").git("https://git.example.com/fleet.git");
            int roleLine = line() + 1;
            fleet.role(r -> r.name("small").memory("8Gi")).role(r -> r.name("fresh").memory("2Gi"));
            fleet.cluster(c -> c.name("c").host("h1", "plain").vm(v -> v.name("a").role("small").host("h1")).vm(v -> v.name("b").role("fresh")));

            List<Diagnostic> notes = Resolver.resolve(fleet.build(), corpusCatalog()).warnings();

            assertThat(notes).singleElement().satisfies(note -> {
                assertThat(note.id()).isEqualTo("PULSE-OVERRIDE");
                assertThat(note.isNote()).isTrue();
                assertThat(note.location()).isEqualTo(new Location("FleetBuilderTest.java", roleLine, 1));
                assertThat(note.message()).startsWith("role 'small' built in code replaces the built-in one whole");
            });
        }

        @Test
        void aRecordBuiltAloneIsAtItsBuildLine() {
            int here = line() + 1;
            Host host = Host.builder().name("h").profile("p").build();

            assertThat(host.source().at()).isEqualTo(new Location("FleetBuilderTest.java", here, 1));
        }

        @Test
        void aMissingRequiredNameIsReportedAsTheBinderReportsIt() throws Exception {
            FleetSpec.Builder fleet = Fleet.builder().name("corpus").git("https://git.example.com/fleet.git");
            int vmLine = line() + 1;
            fleet.cluster(c -> c.name("c").host("h1", "gpu-box").vm(v -> v.name("a")));
            String yaml = """
                    fleet: corpus
                    git: {repoURL: https://git.example.com/fleet.git}
                    clusters: [{name: c, hosts: [{name: h1, profile: gpu-box}], vms: [{name: a}]}]
                    """;

            FleetException fromJava = catchThrowableOfType(() -> Resolver.resolve(fleet.build(), corpusCatalog()), FleetException.class);
            FleetException fromYaml = catchThrowableOfType(() -> CorpusTest.loader().load(new NamedContent("f.yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    List.of()), FleetException.class);

            assertThat(fromJava.diagnostics()).extracting(Diagnostic::id, Diagnostic::message)
                    .containsExactlyElementsOf(fromYaml.diagnostics().stream().map(d -> org.assertj.core.groups.Tuple.tuple(d.id(), d.message())).toList());
            assertThat(fromJava.diagnostics()).filteredOn(d -> d.id().equals("PULSE-REQUIRED")).singleElement()
                    .satisfies(d -> assertThat(d.format()).startsWith("FleetBuilderTest.java:" + vmLine + ":1: error: vm 'a' of cluster 'c' has no 'role'"));
        }

        @Test
        void aGivenSourceWins() {
            Source given = Source.synthetic("test");

            assertThat(Vm.builder().source(given).build().source()).isSameAs(given);
        }
    }

    @Nested
    @DisplayName("the same fleet in Java and in YAML")
    class SameAsYaml {

        /** corpus/good/full-studio.yaml, written with the builders. */
        private FleetSpec fullStudio() {
            return Fleet.builder()
                    .name("corpus")
                    .git(g -> g.repoURL("https://git.example.com/fleet.git").targetRevision("main").path("deploy"))
                    .argocd(a -> a.namespace("openshift-gitops").project("default"))
                    .role(r -> r.name("pinned").gpus(1).sriov("cams").bridges("lan").cpuCores(4).dedicatedCpu(true).memory("8Gi").hugepages("1Gi")
                            .guestVar("cameraAddress", "10.0.0.1/24"))
                    .role(r -> r.name("mover").evictionStrategy(EvictionStrategy.LIVE_MIGRATE).memory("4Gi"))
                    .cluster(c -> c.name("c")
                            .topology(Topology.STANDARD)
                            .storage(s -> s.storageClass("rbd").accessMode(AccessMode.READ_WRITE_MANY).size("20Gi").otherClass("local", AccessMode.READ_WRITE_ONCE))
                            .access(new AccessSecrets(java.util.Optional.of("ssh-keys"), java.util.Optional.of("passwords")))
                            .operator(new OperatorSettings("gpu-operator", java.util.Optional.empty(), java.util.Optional.of("v24.9"), java.util.Optional.empty(),
                                    java.util.Optional.empty(), java.util.Optional.empty(), true, Source.synthetic("operator")))
                            .network(n -> n.name("cams").type(Network.Type.SRIOV).nic("cx6").vlan(100))
                            .network(n -> n.name("lan").type(Network.Type.BRIDGE).bridge("br1"))
                            .host("h1", "gpu-box")
                            .host("h2", "gpu-box")
                            .vm(v -> v.name("a").role("pinned").host("h1").importDisk("https://x/a.qcow2"))
                            .vm(v -> v.name("b").role("pinned").disk(d -> d.clonePvc("golden/rhel9").storageClass("local")))
                            .vm(v -> v.name("m").role("mover").disk(d -> d.importRegistry("docker://quay.io/containerdisks/fedora:41"))))
                    .build();
        }

        @Test
        void resolvesToTheSameClustersHostsVmsAndRoles() throws Exception {
            java.nio.file.Path file = CorpusTest.corpus("good").resolve("full-studio.yaml");
            Fleet fromYaml = CorpusTest.loader().load(new NamedContent("full-studio.yaml", Files.readAllBytes(file)), List.of()).fleet();
            Fleet fromJava = Resolver.resolve(fullStudio(), corpusCatalog()).fleet();

            assertThat(fromJava.name()).isEqualTo(fromYaml.name());
            assertThat(fromJava.git()).isEqualTo(fromYaml.git());
            assertThat(fromJava.argocd()).isEqualTo(fromYaml.argocd());
            assertThat(fromJava.clusters()).usingRecursiveComparison().ignoringFieldsOfTypes(Source.class).isEqualTo(fromYaml.clusters());
            assertThat(fromJava.catalog().roles()).usingRecursiveComparison().ignoringFieldsOfTypes(Source.class).isEqualTo(fromYaml.catalog().roles());
            assertThat(fromJava.clusters().get(0).spec().vms().get(0).source().at().file()).isEqualTo("FleetBuilderTest.java");
        }
    }
}
