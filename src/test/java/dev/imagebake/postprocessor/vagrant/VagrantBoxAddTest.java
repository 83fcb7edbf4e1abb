package dev.imagebake.postprocessor.vagrant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.TestBuildContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boxes as Vagrant sees them: the real {@code vagrant box add} (Debian's vagrant, without the
 * libvirt or aws plugins, which {@code box add} does not need) into a throwaway {@code
 * VAGRANT_HOME}, then {@code vagrant box list}. Three vagrant calls in all: each costs about a
 * second of Ruby start-up.
 */
class VagrantBoxAddTest {
  @TempDir Path dir;

  @Test
  void vagrantAddsTheLibvirtAndAwsBoxesWithTheirProviders() throws Exception {
    Boxes.QemuLikeArtifact disk = Boxes.qemuDisk(dir, "vm.qcow2", "qcow2", "2048", "tcg");
    VagrantPostProcessorFactory factory = new VagrantPostProcessorFactory();
    factory
        .create(
            new VagrantConfig(
                new BoxSettings("boxes/{{.Provider}}.box", null, null, null, null), null, null))
        .postProcess(TestBuildContext.in(dir).withBuild("f", "file"), disk);
    // A plain tar (level 0): Vagrant must take that too.
    factory
        .create(
            new VagrantConfig(
                new BoxSettings("boxes/{{.Provider}}.box", 0, null, null, null), null, null))
        .postProcess(
            TestBuildContext.in(dir).withBuild("f", "file"),
            new Boxes.AmiLikeArtifact("us-east-1:ami-0a1,eu-central-1:ami-0c2"));

    Path home = dir.resolve("vagrant-home");
    assertThat(vagrant(home, "box", "add", "--name", "ib-libvirt", "boxes/libvirt.box"))
        .contains("Successfully added box 'ib-libvirt' (v0) for 'libvirt'!");
    assertThat(vagrant(home, "box", "add", "--name", "ib-aws", "boxes/aws.box"))
        .contains("Successfully added box 'ib-aws' (v0) for 'aws'!");
    // Vagrant pads the names into a column.
    assertThat(vagrant(home, "box", "list").lines().map(l -> l.replaceAll("\\s+", " ")))
        .contains("ib-libvirt (libvirt, 0)", "ib-aws (aws, 0)");

    Path libvirt = home.resolve("boxes/ib-libvirt/0/libvirt");
    assertThat(libvirt.resolve("box.img")).hasSameBinaryContentAs(dir.resolve("out/vm.qcow2"));
    assertThat(libvirt.resolve("metadata.json"))
        .hasContent("{\"format\":\"qcow2\",\"provider\":\"libvirt\",\"virtual_size\":2}");
    // The generated Vagrantfiles are Ruby that Vagrant can load.
    assertThat(run(dir, List.of("ruby", "-c", libvirt.resolve("Vagrantfile").toString()), null))
        .contains("Syntax OK");
    assertThat(
            run(
                dir,
                List.of("ruby", "-c", home.resolve("boxes/ib-aws/0/aws/Vagrantfile").toString()),
                null))
        .contains("Syntax OK");
  }

  private String vagrant(Path home, String... args) throws Exception {
    assertThat(Path.of("/usr/bin/vagrant"))
        .as("vagrant is not installed (.ci/run installs Debian's vagrant)")
        .isExecutable();
    List<String> command = new ArrayList<>(List.of("vagrant"));
    command.addAll(List.of(args));
    return run(dir, command, home);
  }

  /** Runs {@code command} in {@code dir}; returns its output after checking it succeeded. */
  private static String run(Path dir, List<String> command, Path vagrantHome)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    if (vagrantHome != null) {
      pb.environment().put("VAGRANT_HOME", vagrantHome.toString());
      pb.environment().put("VAGRANT_CHECKPOINT_DISABLE", "1");
      pb.environment().put("VAGRANT_NO_COLOR", "1");
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }
}
