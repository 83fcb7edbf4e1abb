package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import java.time.Duration;

/**
 * The cancellation of cleanups: never fires, so an interrupted build still waits for its instance
 * to terminate before deleting the security group.
 */
final class Uncancellable implements Cancellation {
  static final Uncancellable INSTANCE = new Uncancellable();

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public String reason() {
    return "";
  }

  @Override
  public void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    }
  }

  @Override
  public AutoCloseable onCancel(Runnable action) {
    return () -> {};
  }
}
