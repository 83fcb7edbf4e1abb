package dev.imagebake.ui;

import java.io.PrintStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Packer's {@code -machine-readable} lines: {@code timestamp,target,type,data...}. Unlike Packer,
 * ui records about a build carry the build name as target (Packer leaves it empty, #2521).
 */
public final class MachineReadableRenderer implements EventRenderer {
  private final PrintStream out;
  private final boolean timestamps;
  private final ZoneId zone;

  /**
   * @param timestamps {@code -timestamp-ui}: the RFC 3339 prefix becomes part of build ui texts
   */
  public MachineReadableRenderer(PrintStream out, boolean timestamps, ZoneId zone) {
    this.out = out;
    this.timestamps = timestamps;
    this.zone = zone;
  }

  /** Packer's escaping of one data field; nothing else (not even {@code %} or {@code \}). */
  static String escape(String field) {
    return field.replace(",", "%!(PACKER_COMMA)").replace("\r", "\\r").replace("\n", "\\n");
  }

  /**
   * One machine-readable line, {@code timestamp,target,type,data...}, each data field escaped; for
   * commands that print records without a build (inspect, version).
   */
  public static String line(long epochSeconds, String target, String type, String... data) {
    StringBuilder s = new StringBuilder().append(epochSeconds).append(',').append(target);
    s.append(',').append(type);
    for (String d : data) {
      s.append(',').append(escape(d));
    }
    return s.toString();
  }

  @Override
  public void render(Event event) {
    long ts = event.at().getEpochSecond();
    if (event instanceof Event.Line l) {
      String text = l.text();
      if (l.build() != null) {
        text = UiText.prefixLines(l);
        text = timestamps ? UiText.timestamped(text, l.at(), zone) : text;
      }
      ui(ts, l.build(), l.kind(), text);
    } else if (event instanceof Event.BuildFinished f) {
      String text = UiText.buildFinished(f);
      text = timestamps ? UiText.timestamped(text, f.at(), zone) : text;
      ui(ts, f.build(), f.error() == null ? Event.LineKind.SAY : Event.LineKind.ERROR, text);
    } else if (event instanceof Event.WaitCompleted w) {
      ui(ts, null, Event.LineKind.SAY, UiText.waitCompleted(w));
    } else if (event instanceof Event.Summary s) {
      summary(ts, s);
    }
    out.flush();
  }

  private void summary(long ts, Event.Summary s) {
    if (s.interrupted()) {
      // Packer lists neither errors nor artifacts after an interrupt.
      if (s.clean()) {
        ui(ts, null, Event.LineKind.SAY, UiText.CANCELLED);
      } else {
        ui(ts, null, Event.LineKind.ERROR, UiText.cancelledNotClean(s));
      }
      return;
    }
    List<BuildReport> errored =
        s.builds().stream().filter(b -> b.outcome() == BuildReport.Outcome.ERRORED).toList();
    if (!errored.isEmpty()) {
      record(ts, null, "error-count", Integer.toString(errored.size()));
      ui(ts, null, Event.LineKind.ERROR, UiText.ERRORS_HEADER);
      for (BuildReport b : errored) {
        record(ts, b.name(), "error", b.error());
        ui(ts, b.name(), Event.LineKind.ERROR, "--> " + b.name() + ": " + b.error());
      }
    }
    if (s.leftBehind() > 0) {
      ui(ts, null, Event.LineKind.ERROR, UiText.leftBehind(s));
    }
    List<BuildReport> withArtifacts =
        s.builds().stream().filter(b -> !b.artifacts().isEmpty()).toList();
    if (withArtifacts.isEmpty()) {
      ui(ts, null, Event.LineKind.SAY, UiText.NO_ARTIFACTS);
    } else {
      ui(ts, null, Event.LineKind.SAY, UiText.ARTIFACTS_HEADER);
      for (BuildReport b : withArtifacts) {
        artifacts(ts, b);
      }
    }
  }

  private void artifacts(long ts, BuildReport b) {
    String name = b.name();
    record(ts, name, "artifact-count", Integer.toString(b.artifacts().size()));
    for (int i = 0; i < b.artifacts().size(); i++) {
      ArtifactInfo a = b.artifacts().get(i);
      String index = Integer.toString(i);
      if (a == null) {
        record(ts, name, "artifact", index, "nil");
      } else {
        record(ts, name, "artifact", index, "builder-id", a.builderId());
        record(ts, name, "artifact", index, "id", a.id());
        record(ts, name, "artifact", index, "string", a.description());
        record(ts, name, "artifact", index, "files-count", Integer.toString(a.files().size()));
        for (int j = 0; j < a.files().size(); j++) {
          record(ts, name, "artifact", index, "file", Integer.toString(j), a.files().get(j));
        }
      }
      record(ts, name, "artifact", index, "end");
      ui(ts, name, Event.LineKind.SAY, UiText.artifactLine(name, a));
    }
  }

  private void ui(long ts, String target, Event.LineKind kind, String text) {
    record(ts, target, "ui", kind.name().toLowerCase(java.util.Locale.ROOT), text);
  }

  private void record(long ts, String target, String type, String... data) {
    List<String> fields = new ArrayList<>();
    for (String d : data) {
      fields.add(escape(d == null ? "" : d));
    }
    out.print(
        ts
            + ","
            + (target == null ? "" : escape(target))
            + ","
            + type
            + ","
            + String.join(",", fields)
            + "\n");
  }
}
