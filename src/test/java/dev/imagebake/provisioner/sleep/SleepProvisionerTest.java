package dev.imagebake.provisioner.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.testing.RecordingConfigCheck;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SleepProvisionerTest {
  private final TestBuildContext ctx = TestBuildContext.create();

  @Test
  void anInterruptEndsAnHourLongSleepAtOnce() {
    CompletableFuture<Void> run =
        CompletableFuture.runAsync(
            () ->
                new SleepProvisioner(new SleepConfig(Duration.ofHours(1)))
                    .provision(ctx, null, Map.of()));
    ctx.cancellation().cancel("interrupted");
    assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(CancelledException.class)
        .hasMessage("interrupted");
  }

  @Test
  void unsetZeroAndNegativeDurationsDoNotWait() {
    assertThat(new SleepConfig(null).waitFor()).isZero();
    assertThat(new SleepConfig(Duration.ofSeconds(-5)).waitFor()).isZero();
    assertThat(new SleepConfig(Duration.ofMinutes(5)).waitFor()).hasMinutes(5);
    new SleepProvisioner(new SleepConfig(Duration.ZERO)).provision(ctx, null, Map.of());
    assertThat(ctx.ui().lines()).isEmpty();
  }

  @Test
  void aNegativeDurationIsWarnedAbout() {
    RecordingConfigCheck check = new RecordingConfigCheck(Path.of("."));
    new SleepProvisionerFactory().check(new SleepConfig(Duration.ofSeconds(-90)), check);
    assertThat(check.warningProblems())
        .extracting(RecordingConfigCheck.Problem::message)
        .containsExactly("duration -1m30s is negative: the provisioner does not wait");
  }
}
