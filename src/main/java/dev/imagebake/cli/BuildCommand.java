package dev.imagebake.cli;

import dev.imagebake.diag.DiagnosticRenderer;
import dev.imagebake.engine.BuildOptions;
import dev.imagebake.engine.BuildRunner;
import dev.imagebake.engine.Interrupts;
import dev.imagebake.engine.OnError;
import dev.imagebake.engine.RunResult;
import dev.imagebake.log.DebugLog;
import dev.imagebake.plan.BuildPlans;
import dev.imagebake.plan.CheckedTemplate;
import dev.imagebake.plan.PluginConnector;
import dev.imagebake.plan.TemplateChecker;
import dev.imagebake.ui.ConsoleRenderer;
import dev.imagebake.ui.ConsoleStyle;
import dev.imagebake.ui.EventRenderer;
import dev.imagebake.ui.JsonLinesRenderer;
import dev.imagebake.ui.MachineReadableRenderer;
import dev.imagebake.ui.Output;
import dev.imagebake.ui.SecretFilter;
import dev.imagebake.ui.Terminal;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code imagebake build}: checks the template like validate, then runs every selected build. */
@Command(
    name = "build",
    description = {
      "Build images from a template: every builder in parallel, then its post-processors.",
      "Exits 0 when every build succeeded, 1 when one failed, 130 when interrupted."
    })
final class BuildCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin VariableOptions variables;
  @Mixin SelectionOptions selection;
  @Mixin RegistryOptions registry;

  @Option(
      names = {"-color", "--color"},
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description = "Colour the output (default true; also off with NO_COLOR or no terminal).")
  boolean color = true;

  @Option(
      names = {"-debug", "--debug"},
      description = "Pause after each step and before each cleanup; builds run one at a time.")
  boolean debug;

  @Option(
      names = {"-timings", "--timings"},
      description =
          "After the summary, how long each step and its cleanup took (also with -debug).")
  boolean timings;

  @Option(
      names = {"-force", "--force"},
      description = "Replace previous outputs (output directories, AMIs of the same name).")
  boolean force;

  @Option(
      names = {"-on-error", "--on-error"},
      paramLabel = "POLICY",
      description = "cleanup (default), abort, ask or run-cleanup-provisioner.")
  String onError = "cleanup";

  @Option(
      names = {"-parallel-builds", "--parallel-builds"},
      paramLabel = "N",
      description = "How many builds run at once; 0 (default) for all.")
  int parallelBuilds;

  @Option(
      names = {"-timestamp-ui", "--timestamp-ui"},
      description = "Prefix each line with the time.")
  boolean timestampUi;

  @Option(
      names = {"-events", "--events"},
      paramLabel = "FILE",
      description = "Also write every event as a JSON line to FILE (secrets masked).")
  Path events;

  @Parameters(paramLabel = "TEMPLATE", description = "The template file ('-': stdin).")
  Path template;

  BuildCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws IOException {
    OnError policy;
    try {
      policy = OnError.parse(onError);
    } catch (IllegalArgumentException e) {
      cli.err().println("imagebake: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    // The registry opens, and git is asked for the fingerprint, while the template is checked.
    BuildRecording.Early early =
        registry.enabled(cli.env()) ? BuildRecording.Early.open(cli, template) : null;
    TemplateChecker checker = Checking.checker(cli);
    CheckedTemplate checked =
        checker.check(template, Checking.options(cli, variables, selection, false));
    cli.err()
        .print(
            DiagnosticRenderer.text(checked.sourceLines(), checked::mask)
                .render(checked.diagnostics()));
    if (checked.hasErrors()) {
      if (early != null) {
        early.abandon();
      }
      return ExitCodes.FAILED;
    }
    BuildRecording recording = null;
    if (early != null) {
      recording = BuildRecording.begin(cli, registry, checked, variables.varFiles, early);
      if (recording.stop().isPresent()) {
        return recording.stop().getAsInt();
      }
    }
    BuildOptions options =
        new BuildOptions(
            policy,
            parallelBuilds,
            debug,
            force,
            new HashSet<>(selection.except),
            Checking.workingDir(),
            UUID.randomUUID().toString());
    boolean tty = System.console() != null && !cli.machineReadable();
    List<EventRenderer> renderers = new ArrayList<>();
    // The local zone only where it is printed: the first region zone of a process makes the JDK
    // look for zone-rules providers in every jar of the class path (~100 ms of a build).
    // Switch-off (docs/startup.md): -Dimagebake.startup.utcUnlessPrinted=off.
    ZoneId zone =
        timestampUi || "off".equals(System.getProperty("imagebake.startup.utcUnlessPrinted"))
            ? ZoneId.systemDefault()
            : ZoneOffset.UTC;
    if (cli.machineReadable()) {
      renderers.add(new MachineReadableRenderer(cli.out(), timestampUi, zone));
    } else {
      boolean colour = ConsoleStyle.colorWanted(color, cli.env(), tty);
      renderers.add(
          new ConsoleRenderer(
              cli.out(), new ConsoleStyle(colour, timestampUi, zone), timings || debug));
    }
    Writer eventsWriter = null;
    JsonLinesRenderer eventsRenderer = null;
    if (events != null) {
      eventsWriter = Files.newBufferedWriter(events, StandardCharsets.UTF_8);
      eventsRenderer = new JsonLinesRenderer(eventsWriter);
      renderers.add(eventsRenderer);
    }
    Output output =
        new Output(
            new SecretFilter(checked.secrets()),
            tty ? Terminal.controllingTty() : Terminal.none(),
            renderers,
            tty);
    DebugLog.maskWith(output.secrets());
    Interrupts interrupts = new Interrupts();
    RunResult result;
    try (AutoCloseable signals = interrupts.installSignalHandlers()) {
      result =
          new BuildRunner(output, new PluginConnector(checker.plugins()), interrupts, options)
              .run(BuildPlans.of(checked));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      if (eventsWriter != null) {
        eventsWriter.close();
      }
    }
    if (eventsRenderer != null && eventsRenderer.failure().isPresent()) {
      cli.err()
          .println("imagebake: could not write " + events + ": " + eventsRenderer.failure().get());
    }
    return recording == null ? ExitCodes.of(result.outcome()) : recording.finish(result);
  }
}
