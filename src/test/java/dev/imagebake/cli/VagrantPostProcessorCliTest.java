package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.ec2.FakeEc2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vagrant post-processor through {@code imagebake build} and {@code validate}: the real
 * template engine renders its keys, the engine keeps the AMIs an aws box points at, and bad keys
 * are reported at their line and column.
 */
class VagrantPostProcessorCliTest {
  @TempDir Path dir;

  private record Run(int code, String console) {}

  private static Run imagebake(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int code = Main.run(args, print, print, Map.of());
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void amazonEbsBuildEndsInAnAwsBoxAndKeepsTheAmi() throws IOException {
    try (FakeEc2 ec2 = FakeEc2.start();
        OpenSshServer sshd = OpenSshServer.start()) {
      ec2.world().keyAuthorizer(sshd::authorize);
      Files.writeString(
          dir.resolve("extra.rb"), "# owner {{user `owner`}}, image {{ .ArtifactId }}\n");
      Files.writeString(dir.resolve("NOTES.md"), "notes\n");
      Path template = dir.resolve("template.json");
      Files.writeString(
          template,
          """
          {"variables": {"owner": "team-a"},
           "builders":[{"type":"amazon-ebs","region":"us-east-1","source_ami":"ami-e50e888c",
            "instance_type":"t1.micro","ssh_username":"%s","ami_name":"vagrant {{timestamp}}",
            "custom_endpoint_ec2":"%s","access_key":"AKIDTEST","secret_key":"not-a-secret",
            "ssh_port":%d,"aws_polling":{"delay_seconds":0,"max_attempts":60}}],
           "post-processors":[{"type":"vagrant",
            "output":"%s/boxes/{{ .BuildName }}_{{.Provider}}.box",
            "include":["%s/NOTES.md"], "vagrantfile_template":"%s/extra.rb",
            "override":{"aws":{"compression_level":1}}}]}
          """
              .formatted(sshd.user(), ec2.endpoint(), sshd.port(), dir, dir, dir));
      Run r = imagebake("build", "-color=false", template.toString());

      assertThat(r.code()).as(r.console()).isZero();
      Path box = dir.resolve("boxes/amazon-ebs_aws.box");
      assertThat(r.console())
          .contains("==> amazon-ebs (vagrant): Creating Vagrant box for 'aws' provider")
          .contains("--> amazon-ebs: 'aws' provider box: " + box)
          .contains("--> amazon-ebs: AMIs were created:");
      // aws boxes keep their input: the AMI is still registered.
      String ami =
          ec2.world().images().stream()
              .filter(i -> i.name != null && i.name.startsWith("vagrant "))
              .findFirst()
              .orElseThrow()
              .id;

      Map<String, String> members = members(box);
      assertThat(members).containsOnlyKeys("Vagrantfile", "NOTES.md", "metadata.json");
      assertThat(members.get("Vagrantfile"))
          .contains("aws.region_config \"us-east-1\", ami: \"" + ami + "\"")
          .endsWith("# owner team-a, image us-east-1:" + ami + "\n\n");
    }
  }

  @Test
  void validateReportsBadKeysAtTheirPositions() throws IOException {
    Path template = dir.resolve("template.json");
    Files.writeString(
        template,
        """
        {"builders":[{"type":"null","communicator":"none"}],
         "post-processors":[{"type":"vagrant",
           "compression_level": 12,
           "include": ["gone.txt"],
           "override": {"libvirt": {"output": "x.box", "vagrantfile_template": "no.rb"}},
           "provider_override": "virtualbox"}]}
        """);
    Run r = imagebake("validate", template.toString());
    assertThat(r.code()).as(r.console()).isEqualTo(1);
    assertThat(r.console())
        .contains(
            template + ":3:4: error: Invalid compression level. Expected an integer from -1 to 9.")
        .contains(template + ":4:16: error: include file 'gone.txt' does not exist")
        .contains(template + ":5:48: error: vagrantfile_template 'no.rb' does not exist")
        .contains(
            template + ":6:4: error: the vagrant post-processor cannot make 'virtualbox' boxes")
        .contains("4 errors");

    // Binding problems come first: a misspelt provider under override.
    Files.writeString(template, Files.readString(template).replace("\"libvirt\"", "\"libvrt\""));
    r = imagebake("validate", template.toString());
    assertThat(r.code()).as(r.console()).isEqualTo(1);
    assertThat(r.console())
        .contains(template + ":5:17: error: unknown configuration key: 'libvrt'")
        .contains("did you mean 'libvirt'?");
  }

  private static Map<String, String> members(Path box) throws IOException {
    Map<String, String> members = new java.util.LinkedHashMap<>();
    try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(box));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        members.put(e.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return members;
  }
}
