package dev.imagebake.sdk;

import java.time.Duration;

/** {@link Cancellation#never()}: never fires; a sleep ends early only on a thread interrupt. */
final class NeverCancelled implements Cancellation {
  static final NeverCancelled INSTANCE = new NeverCancelled();

  private NeverCancelled() {}

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
