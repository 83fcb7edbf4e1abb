package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.waiters.Ec2Waiter;

/**
 * The SDK's EC2 waiters with {@code aws_polling}'s delay and attempts, made cancellable: the pause
 * between polls is a {@link Cancellation#sleep}, so an interrupt ends a wait within one poll.
 */
public final class Waits {
  private final Polling polling;
  private final Cancellation cancellation;

  public Waits(Polling polling, Cancellation cancellation) {
    this.polling = polling;
    this.cancellation = cancellation;
  }

  /** Waits of cleanups: not cancellable, so an interrupted build still cleans up in order. */
  public static Waits forCleanup(Polling polling) {
    return new Waits(polling, Cancellation.never());
  }

  /** The same waits, ended by {@code other} (a cleanup's: a deliberate second Ctrl-C). */
  public Waits cancelledBy(Cancellation other) {
    return new Waits(polling, other);
  }

  public Polling polling() {
    return polling;
  }

  private WaiterOverrideConfiguration override(int maxAttempts) {
    Duration delay = polling.delay();
    return WaiterOverrideConfiguration.builder()
        .maxAttempts(maxAttempts)
        .backoffStrategyV2(
            attempt -> {
              // The waiter then sleeps for zero: the real pause is here, and cancellable.
              cancellation.sleep(delay);
              return Duration.ZERO;
            })
        .build();
  }

  /**
   * Waits with {@code call(waiter, override)}; a failure becomes {@code what + ": " + cause}.
   *
   * @throws CancelledException when the build was cancelled meanwhile
   */
  private void await(Ec2Client ec2, String what, Function<Ec2Waiter, ?> call) {
    await(ec2, polling.maxAttempts(), what, call);
  }

  private void await(Ec2Client ec2, int maxAttempts, String what, Function<Ec2Waiter, ?> call) {
    cancellation.throwIfCancelled();
    try (Ec2Waiter waiter =
        Ec2Waiter.builder().client(ec2).overrideConfiguration(override(maxAttempts)).build()) {
      call.apply(waiter);
    } catch (SdkException e) {
      cancellation.throwIfCancelled();
      throw new IllegalStateException(what + ": " + AwsErrors.describe(e), e);
    }
  }

  public void instanceRunning(Ec2Client ec2, String id) {
    await(
        ec2,
        "Error waiting for instance (" + id + ") to become ready",
        w -> w.waitUntilInstanceRunning(b -> b.instanceIds(id)));
  }

  public void instanceStopped(Ec2Client ec2, String id) {
    await(
        ec2,
        "Error waiting for instance to stop",
        w -> w.waitUntilInstanceStopped(b -> b.instanceIds(id)));
  }

  public void instanceTerminated(Ec2Client ec2, String id) {
    await(
        ec2,
        "Error waiting for instance (" + id + ") to terminate",
        w -> w.waitUntilInstanceTerminated(b -> b.instanceIds(id)));
  }

  public void imageAvailable(Ec2Client ec2, String id) {
    await(
        ec2,
        polling.imageMaxAttempts(),
        "Error waiting for AMI (" + id + ")",
        w -> w.waitUntilImageAvailable(b -> b.imageIds(id)));
  }

  public void securityGroupExists(Ec2Client ec2, String id) {
    await(
        ec2,
        "Timed out waiting for security group " + id,
        w -> w.waitUntilSecurityGroupExists(b -> b.groupIds(id)));
  }

  /** Throws {@link CancelledException} when these waits' cancellation has fired. */
  public void throwIfCancelled() {
    cancellation.throwIfCancelled();
  }

  /** Pauses between the builder's own retries; cancellable. */
  public void pause() {
    cancellation.sleep(polling.delay());
  }
}
