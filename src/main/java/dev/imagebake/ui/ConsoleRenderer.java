package dev.imagebake.ui;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Packer's human output: {@code ==> build: text}, {@code build: text}, colours per build, {@code
 * -timestamp-ui} prefixes, the end-of-run summary, and (beyond Packer) a per-step timing table
 * after the artifact list.
 */
public final class ConsoleRenderer implements EventRenderer {
  private static final String ERASE_TO_END = "\033[K";

  private final PrintStream out;
  private final ConsoleStyle style;
  private final Map<String, Integer> colorIndex = new HashMap<>();

  private final boolean timings;

  /** Without the step-timing table (Packer prints none). */
  public ConsoleRenderer(PrintStream out, ConsoleStyle style) {
    this(out, style, false);
  }

  /**
   * @param timings print the per-step timing table after the summary ({@code -timings}, {@code
   *     -debug})
   */
  public ConsoleRenderer(PrintStream out, ConsoleStyle style, boolean timings) {
    this.out = out;
    this.style = style;
    this.timings = timings;
  }

  @Override
  public void render(Event event) {
    if (event instanceof Event.Line l) {
      print(lineText(l));
    } else if (event instanceof Event.BuildsStarting s) {
      announce(s.builds());
    } else if (event instanceof Event.BuildFinished f) {
      String text = stamp(UiText.buildFinished(f), f);
      print(f.error() == null ? paint(text, f.build(), true) : paintError(text));
    } else if (event instanceof Event.WaitCompleted w) {
      print(UiText.waitCompleted(w));
    } else if (event instanceof Event.Summary s) {
      summary(s);
    }
    out.flush();
  }

  @Override
  public void prompt(Event.Line question) {
    // Packer's BasicUi.Ask: the question, a space, and the answer on the same line.
    out.print(lineText(question) + " ");
    out.flush();
  }

  @Override
  public void progress(Event.Line line, boolean last) {
    // \r back to the start of the line, the text, then erase what is left of a longer text.
    out.print("\r" + lineText(line) + ERASE_TO_END + (last ? "\n" : ""));
    out.flush();
  }

  @Override
  public void eraseProgress() {
    out.print("\r" + ERASE_TO_END);
    out.flush();
  }

  private String lineText(Event.Line l) {
    if (l.build() == null) {
      return l.text();
    }
    String text = UiText.prefixLines(l);
    if (style.timestamps()) {
      text = UiText.timestamped(text, l.at(), style.zone());
    }
    return switch (l.kind()) {
      case SAY -> paint(text, l.build(), true);
      case MESSAGE -> paint(text, l.build(), false);
      case ERROR -> paintError(text);
    };
  }

  private void announce(List<String> builds) {
    for (String b : builds) {
      colorIndex.putIfAbsent(b, colorIndex.size());
    }
    if (!style.color() || builds.isEmpty()) {
      return;
    }
    for (String b : builds) {
      print(paint(b + ": output will be in this color.", b, true));
    }
    print("");
  }

  private void summary(Event.Summary s) {
    if (s.interrupted()) {
      // Packer lists neither errors nor artifacts after an interrupt.
      print(s.clean() ? UiText.CANCELLED : paintError(UiText.cancelledNotClean(s)));
      timings(s.builds());
      return;
    }
    List<BuildReport> errored =
        s.builds().stream().filter(b -> b.outcome() == BuildReport.Outcome.ERRORED).toList();
    if (!errored.isEmpty()) {
      print(UiText.ERRORS_HEADER);
      for (BuildReport b : errored) {
        print("--> " + b.name() + ": " + b.error());
      }
    }
    if (s.leftBehind() > 0) {
      print(paintError("\n==> " + UiText.leftBehind(s)));
    }
    List<BuildReport> withArtifacts =
        s.builds().stream().filter(b -> !b.artifacts().isEmpty()).toList();
    if (withArtifacts.isEmpty()) {
      print(UiText.NO_ARTIFACTS);
    } else {
      print(UiText.ARTIFACTS_HEADER);
      for (BuildReport b : withArtifacts) {
        b.artifacts().forEach(a -> print(UiText.artifactLine(b.name(), a)));
      }
    }
    timings(s.builds());
  }

  /**
   * The step-timing table: per build, each step under Packer's name (as {@code -debug}'s pauses
   * name it) with its run and cleanup, then each post-processor, in seconds with milliseconds,
   * aligned for reading down a column.
   */
  private void timings(List<BuildReport> builds) {
    if (!timings || builds.stream().allMatch(b -> b.steps().isEmpty())) {
      return;
    }
    print("\n==> Step timings (seconds):");
    for (BuildReport b : builds) {
      print(
          "--> "
              + b.name()
              + ": "
              + seconds(b.took())
              + " ("
              + b.outcome().name().toLowerCase(java.util.Locale.ROOT)
              + ")");
      int width = 0;
      for (StepTiming t : b.steps()) {
        width = Math.max(width, label(t).length());
      }
      for (StepTiming t : b.steps()) {
        StringBuilder line = new StringBuilder("    ").append(label(t));
        line.append(" ".repeat(width - label(t).length() + 2));
        line.append(String.format(java.util.Locale.ROOT, "%9s", seconds(t.run())));
        if (!t.postProcessor()) {
          line.append("  cleanup ").append(t.cleanup() == null ? "skipped" : seconds(t.cleanup()));
        }
        if (t.status() != StepStatus.OK) {
          line.append(" (")
              .append(t.status().name().toLowerCase(java.util.Locale.ROOT))
              .append(')');
        }
        print(line.toString());
      }
    }
  }

  private static String label(StepTiming t) {
    return t.postProcessor() ? "post-processor " + t.step() : t.step();
  }

  /** Seconds with milliseconds, e.g. {@code 12.034}. */
  static String seconds(java.time.Duration d) {
    long millis = Math.max(0, d.toMillis());
    return String.format(java.util.Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
  }

  private String stamp(String text, Event.BuildFinished f) {
    return style.timestamps() ? UiText.timestamped(text, f.at(), style.zone()) : text;
  }

  private String paint(String text, String build, boolean bold) {
    if (!style.color()) {
      return text;
    }
    int index = colorIndex.computeIfAbsent(build, b -> colorIndex.size());
    return Ansi.paint(text, Ansi.buildColor(index), bold);
  }

  private String paintError(String text) {
    return style.color() ? Ansi.paint(text, Ansi.RED, true) : text;
  }

  private void print(String text) {
    out.print(text + "\n");
  }
}
