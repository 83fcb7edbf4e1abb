package dev.imagebake.engine;

import dev.imagebake.sdk.Connector;
import dev.imagebake.ui.ConsoleRenderer;
import dev.imagebake.ui.ConsoleStyle;
import dev.imagebake.ui.JsonLinesRenderer;
import dev.imagebake.ui.MachineReadableRenderer;
import dev.imagebake.ui.Output;
import dev.imagebake.ui.SecretFilter;
import dev.imagebake.ui.Terminal;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/** A build run wired to in-memory outputs (plain console, machine-readable, JSON lines). */
final class TestRun {
  Interrupts interrupts = new Interrupts();
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  final ByteArrayOutputStream machine = new ByteArrayOutputStream();
  final StringWriter events = new StringWriter();
  final Output output;
  BuildOptions options = BuildOptions.defaults(Path.of("."));
  Connector connector = Fakes.NO_CONNECTOR;

  TestRun() {
    this(Terminal.none());
  }

  /** With a terminal that answers {@code answers}, one per line. */
  TestRun(String answers) {
    this(Terminal.of(new BufferedReader(new StringReader(answers))));
  }

  private TestRun(Terminal terminal) {
    output =
        new Output(
            new SecretFilter(Set.of()),
            terminal,
            List.of(
                new ConsoleRenderer(
                    new PrintStream(console, true, StandardCharsets.UTF_8),
                    new ConsoleStyle(false, false, ZoneOffset.UTC),
                    true),
                new MachineReadableRenderer(
                    new PrintStream(machine, true, StandardCharsets.UTF_8), false, ZoneOffset.UTC),
                new JsonLinesRenderer(events)));
  }

  RunResult run(BuildPlan... plans) {
    return new BuildRunner(output, connector, interrupts, options).run(List.of(plans));
  }

  String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  String machine() {
    return machine.toString(StandardCharsets.UTF_8);
  }

  String events() {
    return events.toString();
  }
}
