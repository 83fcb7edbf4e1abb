package dev.imagebake.builder.openstack;

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
import dev.imagebake.testing.openstack.FakeOpenstack;
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
 * An openstack build end to end: the real engine ({@link BuildRunner}), the real SSH connector, the
 * real client against a {@link FakeOpenstack} whose instances are a local OpenSSH server that
 * accepts the key pairs the fake generates.
 */
final class OsHarness implements AutoCloseable {
  FakeOpenstack os;
  final OpenSshServer sshd = OpenSshServer.start();
  Interrupts interrupts;

  /** Wraps the SSH connector, e.g. to interrupt while connecting. */
  UnaryOperator<Connector> connectorWrapper;

  /** The environment the build sees (BuildContext.environment()); none of this process's. */
  java.util.Map<String, String> environment = java.util.Map.of();

  /** Polls at once; cleanups give up after 20 s. */
  static final OsTuning FAST =
      new OsTuning(
          Duration.ofMillis(1),
          Duration.ofMillis(1),
          3,
          Duration.ofSeconds(20),
          Duration.ofSeconds(20),
          Duration.ofMillis(1));

  OsHarness() {
    reset();
  }

  /** A fresh EC2 endpoint, interrupts and connector; the same sshd. */
  void reset() {
    reset(null);
  }

  /** As {@link #reset()}, with an endpoint serving HTTPS and asking for client certificates. */
  void reset(javax.net.ssl.SSLContext tls) {
    if (os != null) {
      os.close();
    }
    os = tls == null ? FakeOpenstack.start() : FakeOpenstack.startTls(tls);
    interrupts = new Interrupts();
    connectorWrapper = c -> c;
    environment = java.util.Map.of();
    os.world().keyAuthorizer(sshd::authorize);
  }

  /** A builder block for this harness: endpoint, credentials, sshd user and port. */
  String block(String extraJson) {
    String base =
        """
        {"type":"openstack","identity_endpoint":"%s","username":"%s","password":"%s",
         "tenant_name":"demo","domain_name":"Default","region":"RegionOne",
         "source_image_name":"ubuntu-20.04","flavor":"m1.small","image_name":"packer-example",
         "networks":["%s"],"floating_ip_network":"public","use_blockstorage_volume":true,
         "ssh_username":"%s","ssh_port":%d,"ssh_timeout":"30s"}
        """
            .formatted(
                os.identityEndpoint(),
                FakeOpenstack.USER,
                FakeOpenstack.PASSWORD,
                dev.imagebake.testing.openstack.OsWorld.PRIVATE_NETWORK,
                sshd.user(),
                sshd.port());
    return OsTemplates.with(base, extraJson);
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
    BindResult<OpenstackConfig> bound = OsTemplates.bind(blockJson);
    if (!bound.ok()) {
      throw new IllegalArgumentException("template does not bind: " + bound.diagnostics());
    }
    OpenstackConfig config = bound.config();
    OpenstackBuilder builder = new OpenstackBuilder(config, FAST);
    BuildPlan plan =
        new BuildPlan(
            "openstack",
            "openstack",
            builder,
            config.comm(),
            TestBuildContext.create().withBuild("openstack", "openstack").renderer(),
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
                new BuildOptions(
                    dev.imagebake.engine.OnError.CLEANUP,
                    0,
                    false,
                    false,
                    Set.of(),
                    Path.of(".").toAbsolutePath(),
                    java.util.UUID.randomUUID().toString(),
                    Path.of(System.getProperty("java.io.tmpdir")),
                    environment))
            .run(List.of(plan));
    return new Outcome(result, console.toString(StandardCharsets.UTF_8), events.toString());
  }

  @Override
  public void close() {
    try {
      os.close();
    } finally {
      sshd.close();
    }
  }
}
