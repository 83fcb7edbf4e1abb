package dev.imagebake.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SignalHandlersTest {
  @Test
  void aRealSigtermReachesTheHandlerInsteadOfEndingTheJvm() throws Exception {
    CountDownLatch received = new CountDownLatch(1);
    AtomicReference<String> name = new AtomicReference<>();
    // Throws (and so never sends the signal) if the handler could not be installed.
    try (AutoCloseable handlers =
        SignalHandlers.install(
            signal -> {
              name.set(signal);
              received.countDown();
            })) {
      long pid = ProcessHandle.current().pid();
      Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(pid)).start();
      assertThat(kill.waitFor()).isZero();
      // The bound only turns a lost signal into a failure instead of a hang.
      assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(name.get()).isEqualTo("terminated");
    }
  }
}
