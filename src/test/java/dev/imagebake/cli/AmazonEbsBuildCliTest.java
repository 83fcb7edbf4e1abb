package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.ec2.FakeEc2;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed template of issue 4 through {@code imagebake build}: the real CLI, engine, amazon-ebs
 * builder, shell provisioner and SSH communicator, against the fake EC2 endpoint whose instances
 * are a local sshd. Only the keys that point the build at the fakes are added.
 */
class AmazonEbsBuildCliTest {
  @Test
  void seedTemplateBuildsThroughTheCli(@TempDir Path dir) throws IOException {
    try (FakeEc2 ec2 = FakeEc2.start();
        OpenSshServer sshd = OpenSshServer.start()) {
      ec2.world().keyAuthorizer(sshd::authorize);
      Path template = dir.resolve("template.json");
      Files.writeString(
          template,
          """
          {"builders":[{"type":"amazon-ebs","region":"us-east-1","source_ami":"ami-e50e888c",
            "instance_type":"t1.micro","ssh_username":"%s","ami_name":"packer-example {{timestamp}}",
            "custom_endpoint_ec2":"%s","access_key":"AKIDTEST","secret_key":"not-a-secret",
            "ssh_port":%d,"aws_polling":{"delay_seconds":0,"max_attempts":60}}],
           "provisioners":[{"type":"shell","inline":["echo 'I can chain Provisioners'"]}]}
          """
              .formatted(sshd.user(), ec2.endpoint(), sshd.port()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          Main.run(
              new String[] {"build", "-color=false", template.toString()},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Map.of());
      String console = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);

      assertThat(code).as(console).isZero();
      assertThat(console)
          .contains("amazon-ebs: I can chain Provisioners")
          .contains("--> amazon-ebs: AMIs were created:")
          .containsPattern("us-east-1: ami-[0-9a-f]+");
      assertThat(ec2.world().images())
          .anySatisfy(i -> assertThat(i.name).startsWith("packer-example "));
      assertThat(ec2.world().instances()).allSatisfy(i -> assertThat(i.isTerminated()).isTrue());
      assertThat(ec2.world().keyPairs()).isEmpty();
      assertThat(ec2.world().securityGroups()).isEmpty();
    }
  }

  @Test
  void validateChecksEveryRuleWithoutCallingAws(@TempDir Path dir) throws IOException {
    try (FakeEc2 ec2 = FakeEc2.start()) {
      Path template = dir.resolve("template.json");
      Files.writeString(
          template,
          """
          {"builders":[{"type":"amazon-ebs","region":"us-east-1","source_ami":"ami-e50e888c",
            "instance_type":"t1.micro","ssh_username":"ubuntu","ami_name":"My AMI: {{timestamp}}",
            "custom_endpoint_ec2":"%s","shutdown_behavior":"halt"}]}
          """
              .formatted(ec2.endpoint()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int code =
          Main.run(
              new String[] {"validate", template.toString()},
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(out, true, StandardCharsets.UTF_8),
              Map.of());
      String console = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as(console).isNotZero();
      assertThat(console)
          .contains("AMIName should only contain alphanumeric characters")
          .contains("shutdown_behavior only accepts 'stop' or 'terminate' values.");
      assertThat(ec2.calls()).isEmpty();

      Files.writeString(template, Files.readString(template).replace("ami_name", "ami_nmae"));
      out.reset();
      Main.run(
          new String[] {"validate", template.toString()},
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(out, true, StandardCharsets.UTF_8),
          Map.of());
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("did you mean 'ami_name'?");
    }
  }
}
