package dev.imagebake.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CancellationTokenTest {
  @Test
  void cancellingAChildLeavesTheParentRunning() {
    CancellationToken parent = CancellationToken.root();
    CancellationToken child = parent.child();
    child.cancel("provisioner timed out after 2s");

    assertThat(child.isCancelled()).isTrue();
    assertThat(child.reason()).isEqualTo("provisioner timed out after 2s");
    assertThat(parent.isCancelled()).isFalse();
  }

  @Test
  void cancellingTheParentCancelsChildrenWithItsReason() {
    CancellationToken parent = CancellationToken.root();
    CancellationToken child = parent.child();
    parent.cancel("interrupted");

    assertThat(child.reason()).isEqualTo("interrupted");
    assertThatThrownBy(() -> child.sleep(Duration.ofHours(1)))
        .isInstanceOf(CancelledException.class)
        .hasMessage("interrupted");
  }

  @Test
  void sleepEndsWhenCancelledFromAnotherThread() throws Exception {
    CancellationToken token = CancellationToken.root();
    AtomicInteger ran = new AtomicInteger();
    token.onCancel(ran::incrementAndGet);
    Thread sleeper =
        new Thread(
            () -> {
              try {
                token.sleep(Duration.ofHours(1));
              } catch (CancelledException expected) {
                ran.incrementAndGet();
              }
            });
    sleeper.start();
    token.cancel("stop");
    sleeper.join();

    assertThat(ran).hasValue(2);
  }

  @Test
  void onCancelRunsAtOnceWhenAlreadyCancelledAndUnregisters() throws Exception {
    CancellationToken token = CancellationToken.root();
    AtomicInteger ran = new AtomicInteger();
    token.onCancel(ran::incrementAndGet).close();
    token.cancel("x");
    token.onCancel(ran::incrementAndGet);

    assertThat(ran).hasValue(1);
  }
}
