package dev.imagebake.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The text of build lines shared by the console and machine-readable renderers. */
final class UiText {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  private UiText() {}

  /**
   * Packer's {@code TargetedUI.prefixLines}: {@code ==> target: } (or four spaces for messages) on
   * every line, trailing whitespace trimmed.
   */
  static String prefixLines(Event.Line line) {
    String target =
        line.postProcessor() == null
            ? line.build()
            : line.build() + " (" + line.postProcessor() + ")";
    String arrow = line.kind() == Event.LineKind.MESSAGE ? "   " : "==>";
    StringBuilder out = new StringBuilder();
    for (String part : line.text().split("\n", -1)) {
      out.append(arrow).append(' ').append(target).append(": ").append(part).append('\n');
    }
    return out.toString().stripTrailing();
  }

  /** Packer's {@code TimestampedUi}: only the first line gets the prefix. */
  static String timestamped(String text, Instant at, ZoneId zone) {
    return RFC3339.format(at.atZone(zone)) + ": " + text;
  }

  static String buildFinished(Event.BuildFinished f) {
    String took = HumanDuration.format(f.took());
    return f.error() == null
        ? "Build '" + f.build() + "' finished after " + took + "."
        : "Build '" + f.build() + "' errored after " + took + ": " + f.error();
  }

  static String waitCompleted(Event.WaitCompleted w) {
    return "\n==> Wait completed after " + HumanDuration.format(w.took());
  }

  static final String ERRORS_HEADER =
      "\n==> Some builds didn't complete successfully and had errors:";
  static final String ARTIFACTS_HEADER =
      "\n==> Builds finished. The artifacts of successful builds are:";
  static final String NO_ARTIFACTS = "\n==> Builds finished but no artifacts were created.";
  static final String CANCELLED = "Cleanly cancelled builds after being interrupted.";

  /** The last line of an interrupted run that skipped a cleanup or left something behind. */
  static String cancelledNotClean(Event.Summary s) {
    return "Cancelled builds after being interrupted, but not cleanly: "
        + (s.cleanupSkipped() ? "cleanups were skipped; " : "")
        + leftBehind(s);
  }

  /** {@code 3 resources left behind, listed in FILE} or {@code nothing recorded left behind}. */
  static String leftBehind(Event.Summary s) {
    if (s.leftBehind() == 0) {
      return "nothing recorded was left behind.";
    }
    return s.leftBehind()
        + (s.leftBehind() == 1 ? " resource" : " resources")
        + " left behind"
        + (s.leftoversFile() == null ? " (listed above)." : ", listed in " + s.leftoversFile());
  }

  static String artifactLine(String build, ArtifactInfo a) {
    return "--> " + build + ": " + (a == null ? "<nothing>" : a.description());
  }
}
