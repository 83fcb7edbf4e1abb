package dev.imagebake.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransferProgressOutputTest {
  private static final long MIB = 1024 * 1024;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final FakeClock clock = new FakeClock();

  /** A clock the test moves by hand: no sleeps. */
  static final class FakeClock extends Clock {
    long millis;

    @Override
    public long millis() {
      return millis;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private Output output(boolean live) {
    ConsoleRenderer console =
        new ConsoleRenderer(
            new PrintStream(bytes, true, StandardCharsets.UTF_8),
            new ConsoleStyle(false, false, ZoneOffset.UTC));
    return new Output(new SecretFilter(Set.of()), Terminal.none(), List.of(console), live);
  }

  private String out() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shortTransferShowsNothing() {
    Output.Transfer t = output(true).transfer("null", null, 10 * MIB, clock);
    t.add(5 * MIB);
    clock.millis = 999;
    t.add(5 * MIB);
    t.finish();
    assertThat(out()).isEmpty();
  }

  @Test
  void longTransferRewritesOneLineAndEndsWithANewline() {
    Output.Transfer t = output(true).transfer("null", null, 100 * MIB, clock);
    clock.millis = 1000;
    t.add(25 * MIB);
    clock.millis = 1100;
    t.add(25 * MIB); // too soon for another update
    clock.millis = 2000;
    t.add(50 * MIB);
    t.finish();
    t.finish();
    assertThat(out())
        .isEqualTo(
            "\r    null: 25.0 MiB / 100.0 MiB (25%) 25.0 MiB/s ETA 0:03\033[K"
                + "\r    null: 100.0 MiB / 100.0 MiB (100%) 50.0 MiB/s\033[K"
                + "\r    null: 100.0 MiB / 100.0 MiB (100%) 50.0 MiB/s\033[K\n");
  }

  @Test
  void otherOutputErasesTheLineFirstAndTheNextUpdateRedrawsIt() {
    Output output = output(true);
    Output.Transfer t = output.transfer("a", null, -1, clock);
    clock.millis = 1000;
    t.add(MIB);
    output.emit(new Event.Line(clock.instant(), Event.LineKind.SAY, "b", null, "hello"));
    clock.millis = 2000;
    t.add(MIB);
    assertThat(out())
        .isEqualTo(
            "\r    a: 1.0 MiB 1.0 MiB/s\033[K"
                + "\r\033[K==> b: hello\n"
                + "\r    a: 2.0 MiB 1.0 MiB/s\033[K");
  }

  @Test
  void oneTransferOwnsTheLineAtATime() {
    Output output = output(true);
    Output.Transfer a = output.transfer("a", null, -1, clock);
    Output.Transfer b = output.transfer("b", null, -1, clock);
    clock.millis = 1000;
    a.add(MIB);
    b.add(MIB);
    b.finish();
    a.finish();
    assertThat(out())
        .isEqualTo("\r    a: 1.0 MiB 1.0 MiB/s\033[K" + "\r    a: 1.0 MiB 1.0 MiB/s\033[K\n");
  }

  @Test
  void withoutATerminalNothingExtraIsPrinted() {
    Output output = output(false);
    assertThat(output.showsProgress()).isFalse();
    Output.Transfer t = output.transfer("null", null, 100 * MIB, clock);
    clock.millis = 5000;
    t.add(100 * MIB);
    t.finish();
    output.emit(new Event.Line(clock.instant(), Event.LineKind.SAY, "null", null, "done"));
    assertThat(out()).isEqualTo("==> null: done\n");
  }
}
