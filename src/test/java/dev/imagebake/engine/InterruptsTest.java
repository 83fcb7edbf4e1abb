package dev.imagebake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.engine.Interrupts.Effect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Signal bursts never skip the cleanups: only a SIGINT the grace period after the first interrupt
 * does (issue 12, point 3). The clock is a counter the test moves.
 */
class InterruptsTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final Interrupts interrupts = new Interrupts(Duration.ofSeconds(5), now::get);
  private final List<Effect> effects = new ArrayList<>();

  InterruptsTest() {
    interrupts.onInterrupt((n, signal, effect, since) -> effects.add(effect));
  }

  private void after(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void theFirstInterruptCancelsTheBuildsNotTheCleanups() {
    interrupts.trigger();

    assertThat(effects).containsExactly(Effect.CANCEL);
    assertThat(interrupts.builds().isCancelled()).isTrue();
    assertThat(interrupts.cleanups().isCancelled()).isFalse();
  }

  @Test
  void twoInterruptsWithinMillisecondsAreABurst() {
    interrupts.trigger();
    after(Duration.ofMillis(3));
    interrupts.trigger();
    after(Duration.ofMillis(40));
    interrupts.trigger();

    assertThat(effects).containsExactly(Effect.CANCEL, Effect.BURST, Effect.BURST);
    assertThat(interrupts.cleanups().isCancelled()).isFalse();
    assertThat(interrupts.count()).isEqualTo(3);
  }

  @Test
  void sigtermAfterSigintNeverSkipsTheCleanupsHoweverLate() {
    // A CI runner: INT, then TERM (GitHub Actions waits 7.5 s in between).
    interrupts.trigger("interrupt");
    after(Duration.ofMillis(7500));
    interrupts.trigger("terminated");
    after(Duration.ofMinutes(5));
    interrupts.trigger("terminated");

    assertThat(effects).containsExactly(Effect.CANCEL, Effect.TERM_IGNORED, Effect.TERM_IGNORED);
    assertThat(interrupts.cleanups().isCancelled()).isFalse();
  }

  @Test
  void aCtrlCJustBeforeTheGracePeriodEndsIsStillIgnored() {
    interrupts.trigger();
    after(Duration.ofSeconds(5).minusNanos(1));
    interrupts.trigger();

    assertThat(effects).containsExactly(Effect.CANCEL, Effect.BURST);
    assertThat(interrupts.cleanups().isCancelled()).isFalse();
  }

  @Test
  void aDeliberateSecondCtrlCAfterTheGracePeriodSkipsTheCleanups() {
    interrupts.trigger("terminated");
    after(Duration.ofSeconds(5));
    interrupts.trigger("interrupt");
    after(Duration.ofSeconds(1));
    interrupts.trigger("interrupt");

    assertThat(effects)
        .containsExactly(Effect.CANCEL, Effect.SKIP_CLEANUPS, Effect.ALREADY_SKIPPING);
    assertThat(interrupts.cleanups().isCancelled()).isTrue();
  }

  @Test
  void theDefaultGracePeriodIsFiveSeconds() {
    System.clearProperty(Interrupts.GRACE_PROPERTY);
    assertThat(new Interrupts().grace()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void signalHandlersInstallAndRestore() throws Exception {
    Interrupts fresh = new Interrupts();
    fresh.installSignalHandlers().close();
    assertThat(fresh.count()).isZero();
  }
}
