package dev.imagebake.postprocessor.vagrant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.testing.RecordingConfigCheck;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VagrantPostProcessorTest {
  @TempDir Path dir;

  private static BoxSettings settings(String output, Integer level) {
    return new BoxSettings(output, level, null, null, null);
  }

  private static VagrantConfig config(BoxSettings settings) {
    return new VagrantConfig(settings, null, null);
  }

  private PostProcessor.Result run(VagrantConfig config, Artifact input) throws Exception {
    return run(TestBuildContext.in(dir).withBuild("f", "file"), config, input);
  }

  private static PostProcessor.Result run(
      TestBuildContext ctx, VagrantConfig config, Artifact input) throws Exception {
    return new VagrantPostProcessorFactory().create(config).postProcess(ctx, input);
  }

  private static final String HEADER =
      "\n# The contents below were provided by the Packer Vagrant post-processor\n";
  private static final String CUSTOM_HEADER =
      "\n\n# The contents below (if any) are custom contents provided by the\n"
          + "# Packer template during image build.\n";

  @Test
  void libvirtBoxFromAQemuArtifactHasPackersLayout() throws Exception {
    Artifact disk = Boxes.qemuDisk(dir, "vm.qcow2", "qcow2", "1536", "tcg");
    TestBuildContext context = TestBuildContext.in(dir).withBuild("f", "file");
    PostProcessor.Result r = run(context, config(settings(null, null)), disk);

    Path box = dir.resolve("packer_f_libvirt.box");
    assertThat(Boxes.isGzip(box)).isTrue();
    Map<String, byte[]> members = Boxes.members(box);
    assertThat(members).containsOnlyKeys("Vagrantfile", "box.img", "metadata.json");
    assertThat(List.copyOf(members.keySet()))
        .containsExactly("Vagrantfile", "box.img", "metadata.json");
    assertThat(members.get("box.img")).isEqualTo(Files.readAllBytes(dir.resolve("out/vm.qcow2")));
    assertThat(Boxes.text(members, "metadata.json"))
        .isEqualTo("{\"format\":\"qcow2\",\"provider\":\"libvirt\",\"virtual_size\":2}\n");
    assertThat(Boxes.text(members, "Vagrantfile"))
        .isEqualTo(
            HEADER
                + "\nVagrant.configure(\"2\") do |config|\n"
                + "  config.vm.provider :libvirt do |libvirt|\n"
                + "    libvirt.driver = \"qemu\"\n"
                + "  end\n"
                + "end\n"
                + CUSTOM_HEADER
                + "\n");

    assertThat(r.keepInputByDefault()).isFalse();
    assertThat(r.forceKeep()).isTrue();
    assertThat(r.artifact().builderId()).isEqualTo("mitchellh.post-processor.vagrant");
    assertThat(r.artifact().id()).isEqualTo("libvirt");
    assertThat(r.artifact().files()).containsExactly(Path.of("packer_f_libvirt.box"));
    assertThat(r.artifact().describe()).isEqualTo("'libvirt' provider box: packer_f_libvirt.box");
    assertThat(context.ui().lines())
        .contains(
            "say: Creating Vagrant box for 'libvirt' provider", "message: Compressing: box.img");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .as("no partial file left")
        .containsExactlyInAnyOrder("out", "packer_f_libvirt.box");

    r.artifact().destroy();
    assertThat(box).doesNotExist();
  }

  @Test
  void kvmAcceleratorMeansTheKvmDriverAndSizesRoundUp() throws Exception {
    Artifact disk = Boxes.qemuDisk(dir, "disk.raw", "raw", "65", "kvm");
    run(config(settings("boxes/{{.Provider}}-{{.ArtifactId}}.box", null)), disk);
    Map<String, byte[]> members = Boxes.members(dir.resolve("boxes/libvirt-VM.box"));
    assertThat(Boxes.text(members, "Vagrantfile")).contains("libvirt.driver = \"kvm\"");
    assertThat(Boxes.text(members, "metadata.json"))
        .isEqualTo("{\"format\":\"raw\",\"provider\":\"libvirt\",\"virtual_size\":1}\n");
    assertThat(members.get("box.img")).hasSize(65 * 1024 * 1024);
  }

  @Test
  void diskSizesWithUnitsAreReadAsPackerReadsThem() {
    assertThat(LibvirtProvider.sizeInMegabytes("40960")).isEqualTo(40960);
    assertThat(LibvirtProvider.sizeInMegabytes("40G")).isEqualTo(40960);
    assertThat(LibvirtProvider.sizeInMegabytes("2t")).isEqualTo(2 * 1024 * 1024);
    assertThat(LibvirtProvider.sizeInMegabytes("1048576K")).isEqualTo(1024);
    assertThatThrownBy(() -> LibvirtProvider.sizeInMegabytes("12Q"))
        .hasMessageContaining("unknown unit: 12Q");
  }

  @Test
  void awsBoxHasOneRegionConfigPerRegionAndKeepsTheAmis() throws Exception {
    PostProcessor.Result r =
        run(
            config(settings(null, null)),
            new Boxes.AmiLikeArtifact("us-west-2:ami-0b2,eu-west-1:ami-0e1"));
    Map<String, byte[]> members = Boxes.members(dir.resolve("packer_f_aws.box"));
    assertThat(List.copyOf(members.keySet())).containsExactly("Vagrantfile", "metadata.json");
    assertThat(Boxes.text(members, "metadata.json")).isEqualTo("{\"provider\":\"aws\"}\n");
    assertThat(Boxes.text(members, "Vagrantfile"))
        .isEqualTo(
            HEADER
                + "\nVagrant.configure(\"2\") do |config|\n"
                + "  config.vm.provider \"aws\" do |aws|\n"
                + "    \n\taws.region_config \"eu-west-1\", ami: \"ami-0e1\"\n\t"
                + "\n\taws.region_config \"us-west-2\", ami: \"ami-0b2\"\n\t"
                + "\n  end\nend\n"
                + CUSTOM_HEADER
                + "\n");
    assertThat(r.keepInputByDefault()).isTrue();
    assertThat(r.artifact().describe()).isEqualTo("'aws' provider box: packer_f_aws.box");
  }

  @Test
  void poorlyFormattedAmiIdIsPackersError() {
    assertThatThrownBy(
            () -> run(config(settings(null, null)), new Boxes.AmiLikeArtifact("ami-only")))
        .hasMessage("Poorly formatted artifact ID: ami-only");
    assertThat(dir.resolve("packer_f_aws.box")).doesNotExist();
  }

  @Test
  void compressionLevelZeroIsAPlainTar() throws Exception {
    run(config(settings("a.box", 0)), new Boxes.AmiLikeArtifact("us-east-1:ami-1"));
    Path box = dir.resolve("a.box");
    assertThat(Boxes.isGzip(box)).isFalse();
    byte[] header = Files.readAllBytes(box);
    assertThat(new String(header, 257, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("ustar");
    assertThat(Boxes.members(box)).containsOnlyKeys("Vagrantfile", "metadata.json");
  }

  @Test
  void higherLevelsMakeSmallerBoxes() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "vagrant box notes\n".repeat(20_000));
    Artifact ami = new Boxes.AmiLikeArtifact("us-east-1:ami-1");
    run(
        new VagrantConfig(
            new BoxSettings("l1.box", 1, List.of("notes.txt"), null, null), null, null),
        ami);
    run(
        new VagrantConfig(
            new BoxSettings("l9.box", 9, List.of("notes.txt"), null, null), null, null),
        ami);
    run(
        new VagrantConfig(
            new BoxSettings("l0.box", 0, List.of("notes.txt"), null, null), null, null),
        ami);
    long l0 = Files.size(dir.resolve("l0.box"));
    long l1 = Files.size(dir.resolve("l1.box"));
    long l9 = Files.size(dir.resolve("l9.box"));
    assertThat(l9).isLessThan(l1);
    assertThat(l1).isLessThan(l0 / 10);
  }

  @Test
  void vagrantfileTemplateIsRenderedAndAppended() throws Exception {
    Files.writeString(
        dir.resolve("custom.rb"),
        "# {{.Provider}} box of {{.BuildName}} from {{build `SourceAMI`}} ({{.ArtifactId}})\n");
    run(
        config(new BoxSettings(null, null, null, "custom.rb", null)),
        new Boxes.AmiLikeArtifact("us-east-1:ami-1"));
    String vagrantfile = Boxes.text(Boxes.members(dir.resolve("packer_f_aws.box")), "Vagrantfile");
    assertThat(vagrantfile)
        .endsWith(CUSTOM_HEADER + "# aws box of f from ami-source (us-east-1:ami-1)\n\n");
  }

  @Test
  void includesGoToTheRootAndAnIncludedMetadataWins() throws Exception {
    Files.createDirectories(dir.resolve("extra"));
    Files.writeString(dir.resolve("extra/info.json"), "{\"author\":\"me\"}");
    Files.writeString(dir.resolve("extra/metadata.json"), "{\"provider\":\"aws\",\"mine\":1}");
    Files.writeString(dir.resolve("extra/Vagrantfile"), "replaced by the generated one");
    run(
        config(
            new BoxSettings(
                null,
                null,
                List.of("extra/info.json", "extra/metadata.json", "extra/Vagrantfile"),
                null,
                null)),
        new Boxes.AmiLikeArtifact("us-east-1:ami-1"));
    Map<String, byte[]> members = Boxes.members(dir.resolve("packer_f_aws.box"));
    assertThat(List.copyOf(members.keySet()))
        .containsExactly("Vagrantfile", "info.json", "metadata.json");
    assertThat(Boxes.text(members, "info.json")).isEqualTo("{\"author\":\"me\"}");
    assertThat(Boxes.text(members, "metadata.json")).isEqualTo("{\"provider\":\"aws\",\"mine\":1}");
    assertThat(Boxes.text(members, "Vagrantfile")).startsWith(HEADER);
  }

  @Test
  void overrideOfTheProviderReplacesTopLevelSettings() throws Exception {
    VagrantOverrides overrides =
        new VagrantOverrides(
            new BoxSettings("aws-{{.BuildName}}.box", 0, null, null, null),
            null,
            null,
            null,
            null,
            null,
            new BoxSettings("never-used.box", null, null, null, null),
            null,
            null,
            null,
            null,
            null);
    run(
        new VagrantConfig(settings("top.box", 9), overrides, null),
        new Boxes.AmiLikeArtifact("us-east-1:ami-1"));
    assertThat(dir.resolve("top.box")).doesNotExist();
    assertThat(dir.resolve("never-used.box")).doesNotExist();
    assertThat(Boxes.isGzip(dir.resolve("aws-f.box"))).isFalse();
  }

  @Test
  void unknownArtifactTypeIsPackersError() {
    Artifact file = new SimpleArtifact("packer.file", "File", List.of(), "Stored file", Map.of());
    assertThatThrownBy(() -> run(config(settings(null, null)), file))
        .hasMessage("Unknown artifact type, can't build box: packer.file");
  }

  @Test
  void knownButUnimplementedProviderIsNotSupported() {
    Artifact vbox =
        new SimpleArtifact("mitchellh.virtualbox", "vm", List.of(), "VM files", Map.of());
    assertThatThrownBy(() -> run(config(settings(null, null)), vbox))
        .hasMessageStartingWith("the vagrant post-processor cannot make 'virtualbox' boxes");
  }

  @Test
  void libvirtOverrideOnAnArtifactWithoutDiskFactsFailsClearlyAndLeavesNothing() {
    Artifact file =
        new SimpleArtifact("packer.file", "File", List.of(Path.of("a.img")), "Stored", Map.of());
    assertThatThrownBy(() -> run(new VagrantConfig(settings("x.box", null), null, "libvirt"), file))
        .hasMessage(
            "a libvirt box needs the artifact's diskName, which only qemu builder artifacts carry"
                + " (this one is from packer.file)");
    assertThat(dir.resolve("x.box")).doesNotExist();
  }

  @Test
  void missingDiskFileIsAnErrorAndNoPartialBoxRemains() throws Exception {
    Boxes.QemuLikeArtifact disk = Boxes.qemuDisk(dir, "vm.qcow2", "qcow2", "64", "tcg");
    Boxes.QemuLikeArtifact renamed =
        new Boxes.QemuLikeArtifact(
            disk.files(),
            Map.of(
                "diskName",
                "other.qcow2",
                "diskType",
                "qcow2",
                "diskSize",
                "64",
                "domainType",
                "tcg"));
    assertThatThrownBy(() -> run(config(settings("x.box", null)), renamed))
        .hasMessage("the artifact has no disk file named other.qcow2 (its files: out/vm.qcow2)");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("out");
  }

  @Test
  void unknownDomainTypeIsPackersError() throws Exception {
    Artifact disk = Boxes.qemuDisk(dir, "vm.qcow2", "qcow2", "64", "xen");
    assertThatThrownBy(() -> run(config(settings(null, null)), disk))
        .hasMessage("Unknown libvirt domain type: xen");
  }

  @Test
  void checkReportsEveryProblemAtItsKey() throws Exception {
    Files.createDirectories(dir.resolve("adir"));
    Files.writeString(dir.resolve("a.txt"), "a");
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/a.txt"), "a");
    VagrantOverrides overrides =
        new VagrantOverrides(
            null,
            null,
            null,
            null,
            null,
            null,
            new BoxSettings(null, -2, List.of("gone.txt"), "missing.rb", null),
            null,
            null,
            null,
            null,
            null);
    VagrantConfig config =
        new VagrantConfig(
            new BoxSettings(
                null, 10, List.of("a.txt", "adir", "nope.txt", "sub/a.txt"), "absent.rb", null),
            overrides,
            "vmwar");
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    new VagrantPostProcessorFactory().check(config, check);
    assertThat(check.errors())
        .containsExactly(
            "compression_level: Invalid compression level. Expected an integer from -1 to 9.",
            "include/1: include 'adir' is a directory; only files can be included",
            "include/2: include file 'nope.txt' does not exist",
            "vagrantfile_template: vagrantfile_template 'absent.rb' does not exist",
            "override/libvirt/compression_level: Invalid compression level. Expected an integer"
                + " from -1 to 9.",
            "override/libvirt/include/0: include file 'gone.txt' does not exist",
            "override/libvirt/vagrantfile_template: vagrantfile_template 'missing.rb' does not"
                + " exist",
            "provider_override: The given provider_override vmwar is not valid. Please choose"
                + " from one of aws, azure, digitalocean, docker, google, hyperv, libvirt, lxc,"
                + " parallels, scaleway, virtualbox, vmware");
    assertThat(check.warnings())
        .containsExactly(
            "include/3: include/0 has the same file name, a.txt; only this one ends up in the box");
  }

  @Test
  void generatedTemplateNeedNotExistAndUnimplementedProvidersAreRefusedAtValidation() {
    VagrantConfig config =
        new VagrantConfig(
            new BoxSettings(null, 0, null, "made-later.rb", true), null, "virtualbox");
    RecordingConfigCheck check = new RecordingConfigCheck(dir);
    new VagrantPostProcessorFactory().check(config, check);
    assertThat(check.errors())
        .containsExactly("provider_override: " + Providers.notSupported("virtualbox"));
  }

  @Test
  void isFoundByServiceLoader() {
    assertThat(
            java.util.ServiceLoader.load(dev.imagebake.sdk.PostProcessorFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::type))
        .contains(VagrantPostProcessorFactory.class);
  }
}
