package dev.imagebake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The run's interrupts: counted, cancelling the builds first and the cleanups second. */
class InterruptsTest {
  @Test
  void interruptsCountAndCancelBuildsThenCleanups() {
    Interrupts interrupts = new Interrupts();
    AtomicInteger heard = new AtomicInteger();
    try (Interrupts.Subscription s = interrupts.onInterrupt((n, signal) -> heard.set(n))) {
      interrupts.trigger();
      assertThat(interrupts.builds().isCancelled()).isTrue();
      assertThat(interrupts.cleanups().isCancelled()).isFalse();
      interrupts.trigger();
    }
    assertThat(interrupts.cleanups().isCancelled()).isTrue();
    assertThat(heard).hasValue(2);
  }

  @Test
  void signalHandlersInstallAndRestore() throws Exception {
    Interrupts interrupts = new Interrupts();
    interrupts.installSignalHandlers().close();
    assertThat(interrupts.count()).isZero();
  }
}
