package dev.imagebake.ui;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --events=FILE}: one JSON object per event and line, with {@code "event"} naming the kind
 * ({@code line}, {@code builds_starting}, {@code build_started}, {@code step_started}, {@code
 * step_finished}, {@code cleanup_finished}, {@code artifact}, {@code build_finished}, {@code
 * wait_completed}, {@code summary}), {@code "time"} in ISO-8601 and durations in milliseconds
 * ({@code *_ms}).
 */
public final class JsonLinesRenderer implements EventRenderer {
  private final Writer out;
  private final JsonMapper mapper = JsonMapper.builder().build();
  private volatile IOException failure;

  public JsonLinesRenderer(Writer out) {
    this.out = out;
  }

  /**
   * Writes the event. A write failure (disk full) must not break the builds, so the first one is
   * kept for {@link #failure()} and later events are dropped.
   */
  @Override
  public void render(Event event) {
    if (failure != null) {
      return;
    }
    ObjectNode n = mapper.createObjectNode();
    describe(event, n);
    try {
      out.write(mapper.writeValueAsString(n));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      failure = e;
    }
  }

  /** The write error that stopped the log, if any; the CLI reports it after the run. */
  public Optional<IOException> failure() {
    return Optional.ofNullable(failure);
  }

  private void describe(Event event, ObjectNode n) {
    if (event instanceof Event.Line l) {
      head(n, "line", event).put("kind", lower(l.kind()));
      n.put("build", l.build()).put("post_processor", l.postProcessor()).put("text", l.text());
    } else if (event instanceof Event.BuildsStarting s) {
      ArrayNode names = head(n, "builds_starting", event).putArray("builds");
      s.builds().forEach(names::add);
    } else if (event instanceof Event.BuildStarted s) {
      head(n, "build_started", event).put("build", s.build()).put("type", s.type());
    } else if (event instanceof Event.StepStarted s) {
      head(n, "step_started", event).put("build", s.build()).put("step", s.step());
    } else if (event instanceof Event.StepFinished s) {
      head(n, "step_finished", event).put("build", s.build()).put("step", s.step());
      n.put("took_ms", millis(s.took())).put("status", lower(s.status()));
    } else if (event instanceof Event.CleanupFinished c) {
      head(n, "cleanup_finished", event).put("build", c.build()).put("step", c.step());
      n.put("took_ms", millis(c.took())).put("skipped", c.skipped());
    } else if (event instanceof Event.ArtifactCreated a) {
      head(n, "artifact", event).put("build", a.build()).put("index", a.index());
      artifact(a.artifact(), n.putObject("artifact"));
    } else if (event instanceof Event.BuildFinished f) {
      head(n, "build_finished", event).put("build", f.build());
      n.put("took_ms", millis(f.took())).put("error", f.error());
    } else if (event instanceof Event.WaitCompleted w) {
      head(n, "wait_completed", event).put("took_ms", millis(w.took()));
    } else if (event instanceof Event.Summary s) {
      head(n, "summary", event).put("interrupted", s.interrupted());
      n.put("cleanup_skipped", s.cleanupSkipped()).put("left_behind", s.leftBehind());
      n.put("leftovers_file", s.leftoversFile());
      ArrayNode builds = n.putArray("builds");
      s.builds().forEach(b -> report(b, builds.addObject()));
    }
  }

  private ObjectNode head(ObjectNode n, String kind, Event event) {
    return n.put("event", kind).put("time", event.at().toString());
  }

  private void report(BuildReport b, ObjectNode n) {
    n.put("name", b.name()).put("type", b.type()).put("outcome", lower(b.outcome()));
    n.put("took_ms", millis(b.took())).put("error", b.error());
    ArrayNode artifacts = n.putArray("artifacts");
    for (ArtifactInfo a : b.artifacts()) {
      if (a == null) {
        artifacts.addNull();
        continue;
      }
      artifact(a, artifacts.addObject());
    }
    ArrayNode steps = n.putArray("steps");
    for (StepTiming t : b.steps()) {
      ObjectNode o = steps.addObject();
      o.put("step", t.step()).put("took_ms", millis(t.run())).put("status", lower(t.status()));
      if (t.postProcessor()) {
        o.put("post_processor", true);
      }
      if (t.cleanup() != null) {
        o.put("cleanup_ms", millis(t.cleanup()));
      }
    }
  }

  private static void artifact(ArtifactInfo a, ObjectNode o) {
    o.put("builder_id", a.builderId()).put("id", a.id()).put("description", a.description());
    ArrayNode files = o.putArray("files");
    a.files().forEach(files::add);
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1_000_000.0;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
