package dev.imagebake.builder.digitalocean;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.PluginRegistry;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.ValueRenderer;
import dev.imagebake.engine.BuildOptions;
import dev.imagebake.engine.BuildPlan;
import dev.imagebake.engine.BuildRunner;
import dev.imagebake.engine.Interrupts;
import dev.imagebake.engine.OnError;
import dev.imagebake.engine.PlannedProvisioner;
import dev.imagebake.engine.RunResult;
import dev.imagebake.plan.PluginConnector;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.OpenSshServer;
import dev.imagebake.testing.TestBuildContext;
import dev.imagebake.testing.digitalocean.FakeDigitalOcean;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A digitalocean build end to end: the real engine ({@link BuildRunner}), the real SSH connector,
 * the real client against a {@link FakeDigitalOcean} whose droplets are a local OpenSSH server that
 * accepts the keys the builder registers.
 */
final class DoHarness implements AutoCloseable {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** Polls without pause, retries after 1 ms: the fake counts polls, not time. */
  static final DoTuning FAST =
      new DoTuning(
          Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(1), Duration.ofMillis(5), 4);

  FakeDigitalOcean api;
  final OpenSshServer sshd = OpenSshServer.start();
  Interrupts interrupts;
  OnError onError = OnError.CLEANUP;
  Map<String, String> environment = Map.of();

  /** Wraps the SSH connector, e.g. to interrupt while connecting. */
  UnaryOperator<Connector> connectorWrapper;

  DoHarness() {
    reset();
  }

  /** A fresh endpoint, interrupts and connector; the same sshd. */
  void reset() {
    if (api != null) {
      api.close();
    }
    api = FakeDigitalOcean.start();
    api.world().keyAuthorizer(sshd::authorize);
    interrupts = new Interrupts();
    connectorWrapper = c -> c;
    onError = OnError.CLEANUP;
    environment = Map.of();
  }

  /** A builder block for this harness: endpoint, token, sshd user and port. */
  String block(String extraJson) {
    String base =
        """
        {"type":"digitalocean","api_token":"%s","api_url":"%s","region":"nyc3",
         "size":"s-1vcpu-1gb","image":"ubuntu-20-04-x64","ssh_username":"%s","ssh_port":%d,
         "ssh_timeout":"30s"}
        """
            .formatted(api.token(), api.url(), sshd.user(), sshd.port());
    return with(base, extraJson);
  }

  static String with(String blockJson, String extraJson) {
    ObjectNode block = (ObjectNode) MAPPER.readTree(blockJson);
    block.setAll((ObjectNode) MAPPER.readTree(extraJson));
    return block.toString();
  }

  /** {{timestamp}} becomes a fixed number; everything else is left as written. */
  static final ValueRenderer BIND_RENDERER =
      new ValueRenderer() {
        @Override
        public String render(String raw) {
          return raw.replace("{{timestamp}}", "1700000000");
        }

        @Override
        public void checkSyntax(String raw) {}
      };

  static BindResult<DigitalOceanConfig> bind(String blockJson) {
    return bind(blockJson, Map.of());
  }

  static BindResult<DigitalOceanConfig> bind(String blockJson, Map<String, String> env) {
    ObjectNode block = (ObjectNode) MAPPER.readTree(blockJson);
    String template = "{\"builders\":[" + blockJson + "]}";
    DigitalOceanBuilderFactory factory = new DigitalOceanBuilderFactory();
    return new ConfigBinder(
            Path.of(System.getProperty("user.dir")),
            Path.of(System.getProperty("user.home")),
            env,
            PluginRegistry.load()::communicator)
        .bind(factory, block, "/builders/0", TestLocations.of(template), BIND_RENDERER);
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

  Outcome build(String blockJson, Provisioner provisioner) {
    BindResult<DigitalOceanConfig> bound = bind(blockJson, environment);
    if (!bound.ok()) {
      throw new IllegalArgumentException("template does not bind: " + bound.diagnostics());
    }
    DigitalOceanConfig config = bound.config();
    DigitalOceanBuilder builder = new DigitalOceanBuilder(config, FAST);
    BuildPlan plan =
        new BuildPlan(
            "digitalocean",
            "digitalocean",
            builder,
            config.comm(),
            TestBuildContext.create().withBuild("digitalocean", "digitalocean").renderer(),
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
    Path cwd = Path.of(".").toAbsolutePath();
    BuildOptions options =
        new BuildOptions(
            onError,
            0,
            false,
            false,
            Set.of(),
            cwd,
            UUID.randomUUID().toString(),
            Path.of(System.getProperty("user.home")),
            environment);
    RunResult result =
        new BuildRunner(
                output,
                connectorWrapper.apply(new PluginConnector(PluginRegistry.load())),
                interrupts,
                options)
            .run(List.of(plan));
    return new Outcome(result, console.toString(StandardCharsets.UTF_8), events.toString());
  }

  @Override
  public void close() {
    try {
      api.close();
    } finally {
      sshd.close();
    }
  }

  /** {@code {{timestamp}}} only, as the default snapshot name needs. */
  /** A stand-in for the shell provisioner's {@code inline}. */
  record InlineShell(List<String> inline) implements Provisioner {
    @Override
    public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
        throws Exception {
      ctx.ui().say("Provisioning with shell script: inline");
      for (String command : inline) {
        CommandResult result = comm.run(RemoteCommand.of(command), OutputSink.of(ctx.ui()));
        if (result.exitStatus() != 0) {
          throw new IllegalStateException(
              "Script exited with non-zero exit status: " + result.exitStatus());
        }
      }
    }
  }
}
