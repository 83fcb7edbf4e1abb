package dev.imagebake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonLinesRendererTest {
  private static final Instant AT = Instant.parse("2026-11-26T05:18:23Z");

  @Test
  void writesOneObjectPerEvent() {
    StringWriter out = new StringWriter();
    JsonLinesRenderer r = new JsonLinesRenderer(out);
    r.render(new Event.Line(AT, Event.LineKind.MESSAGE, "a", "manifest", "hi \"x\"\nnext"));
    r.render(
        new Event.StepFinished(
            AT, "a", "StepProvision", Duration.ofMillis(1500), StepStatus.FAILED));

    assertThat(out.toString())
        .isEqualTo(
            "{\"event\":\"line\",\"time\":\"2026-11-26T05:18:23Z\",\"kind\":\"message\","
                + "\"build\":\"a\",\"post_processor\":\"manifest\",\"text\":\"hi \\\"x\\\"\\nnext\"}\n"
                + "{\"event\":\"step_finished\",\"time\":\"2026-11-26T05:18:23Z\",\"build\":\"a\","
                + "\"step\":\"StepProvision\",\"took_ms\":1500.0,\"status\":\"failed\"}\n");
  }

  @Test
  void aFailingLogDoesNotBreakTheBuild() {
    Writer broken =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) throws IOException {
            throw new IOException("No space left on device");
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    JsonLinesRenderer r = new JsonLinesRenderer(broken);
    r.render(new Event.WaitCompleted(AT, Duration.ZERO));
    r.render(new Event.WaitCompleted(AT, Duration.ZERO));

    assertThat(r.failure())
        .hasValueSatisfying(e -> assertThat(e).hasMessage("No space left on device"));
  }
}
