package dev.imagebake.builder.amazon.ebs;

import dev.imagebake.builder.amazon.common.AwsTuning;
import dev.imagebake.config.BindResult;
import dev.imagebake.config.PluginRegistry;
import dev.imagebake.engine.BuildOptions;
import dev.imagebake.engine.BuildPlan;
import dev.imagebake.engine.BuildRunner;
import dev.imagebake.engine.Interrupts;
import dev.imagebake.engine.PlannedProvisioner;
import dev.imagebake.engine.RunResult;
import dev.imagebake.plan.PluginConnector;
import dev.imagebake.sdk.Connector;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.TestBuildContext;
import dev.imagebake.testing.ec2.FakeEc2;
import dev.imagebake.ui.BuildReport;
import dev.imagebake.ui.ConsoleRenderer;
import dev.imagebake.ui.ConsoleStyle;
import dev.imagebake.ui.JsonLinesRenderer;
import dev.imagebake.ui.Output;
import dev.imagebake.ui.SecretFilter;
import dev.imagebake.ui.Terminal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An amazon-ebs build end to end: the real engine ({@link BuildRunner}), the real SSH connector,
 * the real AWS SDK against a {@link FakeEc2} whose instances are a local OpenSSH server that
 * accepts the key pairs the fake generates.
 */
final class Ec2Harness implements AutoCloseable {
  FakeEc2 ec2;
  final OpenSshServer sshd = OpenSshServer.start();
  Interrupts interrupts;

  /** Wraps the SSH connector, e.g. to interrupt while connecting. */
  UnaryOperator<Connector> connectorWrapper;

  Ec2Harness() {
    reset();
  }

  /** A fresh EC2 endpoint, interrupts and connector; the same sshd. */
  void reset() {
    if (ec2 != null) {
      ec2.close();
    }
    ec2 = FakeEc2.start();
    interrupts = new Interrupts();
    connectorWrapper = c -> c;
    ec2.world().keyAuthorizer(sshd::authorize);
  }

  /** A builder block for this harness: endpoint, credentials, sshd user and port, fast polling. */
  String block(String extraJson) {
    String base =
        """
        {"type":"amazon-ebs","region":"us-east-1","source_ami":"ami-e50e888c",
         "instance_type":"t1.micro","ssh_username":"%s","ami_name":"packer-example {{timestamp}}",
         "custom_endpoint_ec2":"%s","access_key":"AKIDTEST","secret_key":"not-a-real-secret",
         "ssh_port":%d,"ssh_timeout":"30s","aws_polling":{"delay_seconds":0,"max_attempts":60}}
        """
            .formatted(sshd.user(), ec2.endpoint(), sshd.port());
    return EbsTemplates.with(base, extraJson);
  }

  /** The outcome of one build. */
  record Outcome(RunResult result, String console, String events) {
    BuildReport report() {
      return result.builds().get(0);
    }
  }

  Outcome build(String blockJson, List<String> inline) {
    return build(blockJson, inline.isEmpty() ? null : new InlineShell(inline));
  }

  /** Builds with one provisioner, or none when null. */
  Outcome build(String blockJson, dev.imagebake.sdk.Provisioner provisioner) {
    BindResult<EbsConfig> bound = EbsTemplates.bind(blockJson);
    if (!bound.ok()) {
      throw new IllegalArgumentException("template does not bind: " + bound.diagnostics());
    }
    EbsConfig config = bound.config();
    EbsBuilder builder =
        new EbsBuilder(config, new AwsTuning(Duration.ofMillis(1), Duration.ofMillis(1)));
    BuildPlan plan =
        new BuildPlan(
            "amazon-ebs",
            "amazon-ebs",
            builder,
            config.comm(),
            TestBuildContext.create().withBuild("amazon-ebs", "amazon-ebs").renderer(),
            provisioner == null
                ? List.of()
                : List.of(
                    new PlannedProvisioner("shell", provisioner, Duration.ZERO, 0, Duration.ZERO)),
            null,
            List.of(),
            Set.of());
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    StringWriter events = new StringWriter();
    Output output =
        new Output(
            new SecretFilter(Set.of()),
            Terminal.none(),
            List.of(
                new ConsoleRenderer(
                    new PrintStream(console, true, StandardCharsets.UTF_8),
                    new ConsoleStyle(false, false, ZoneOffset.UTC)),
                new JsonLinesRenderer(events)));
    RunResult result =
        new BuildRunner(
                output,
                connectorWrapper.apply(new PluginConnector(PluginRegistry.load())),
                interrupts,
                BuildOptions.defaults(Path.of(".").toAbsolutePath()))
            .run(List.of(plan));
    return new Outcome(result, console.toString(StandardCharsets.UTF_8), events.toString());
  }

  @Override
  public void close() {
    try {
      ec2.close();
    } finally {
      sshd.close();
    }
  }
}
