package dev.imagebake.provisioner.breakpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BreakpointProvisionerTest {
  @TempDir Path dir;

  private TestBuildContext run(String note, Boolean disable, Optional<String> answer)
      throws Exception {
    TestBuildContext ctx = TestBuildContext.in(dir).withBuild("local", "null");
    ctx.ui().answer(prompt -> answer);
    new BreakpointProvisionerFactory()
        .create(new BreakpointConfig(note, disable))
        .provision(ctx, null, Map.of());
    return ctx;
  }

  @Test
  void disabledContinues() throws Exception {
    assertThat(run("x", true, Optional.of("")).ui().lines())
        .containsExactly("say: Breakpoint provisioner with note \"x\" disabled; continuing...");
    assertThat(run(null, true, Optional.of("")).ui().lines())
        .containsExactly("say: Breakpoint provisioner disabled; continuing...");
  }

  @Test
  void enabledWaitsForEnter() throws Exception {
    assertThat(run("x", null, Optional.of("")).ui().lines())
        .containsExactly(
            "say: Pausing at breakpoint provisioner with note \"x\".",
            "ask: Press enter to continue.");
    assertThat(run("", false, Optional.of("")).ui().lines())
        .containsExactly(
            "say: Pausing at breakpoint provisioner.", "ask: Press enter to continue.");
  }

  @Test
  void withoutTerminalItIsSkippedInsteadOfFailing() throws Exception {
    assertThat(run("x", false, Optional.empty()).ui().lines())
        .containsExactly(
            "say: Pausing at breakpoint provisioner with note \"x\".",
            "ask: Press enter to continue.",
            "say: Breakpoint skipped: no terminal to pause on");
  }

  @Test
  void cancellationEndsTheWait() {
    TestBuildContext ctx = TestBuildContext.in(dir).withBuild("local", "null");
    CountDownLatch never = new CountDownLatch(1);
    ctx.ui()
        .answer(
            prompt -> {
              ctx.cancellation().cancel();
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return Optional.of("");
            });
    assertThatThrownBy(
            () ->
                new BreakpointProvisioner(new BreakpointConfig("x", false))
                    .provision(ctx, null, Map.of()))
        .isInstanceOf(CancelledException.class);
    never.countDown();
  }
}
