package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.GoDuration;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.steps.StateKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Packer's {@code stepTypeBootCommand}, through QMP instead of VNC: waits {@code boot_wait}, then
 * types the rendered boot command with {@code send-key}, one key every {@code boot_key_interval}.
 * Without a boot command it neither waits nor types (Packer waits boot_wait anyway). Uses {@link
 * QemuState#QMP_SOCKET}.
 */
final class StepTypeBootCommand implements Step {
  private final BootConfig boot;
  private final String vmName;
  private final String httpDir;
  private final Duration keyInterval;

  StepTypeBootCommand(BootConfig boot, String vmName, String httpDir, Map<String, String> env) {
    this.boot = boot;
    this.vmName = vmName;
    this.httpDir = httpDir;
    this.keyInterval = keyInterval(boot, env);
  }

  /** boot_key_interval, else PACKER_KEY_INTERVAL, else Packer's 100ms. */
  static Duration keyInterval(BootConfig boot, Map<String, String> env) {
    if (boot.bootKeyInterval() != null) {
      return boot.bootKeyInterval();
    }
    String fromEnv = env.get("PACKER_KEY_INTERVAL");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      try {
        return GoDuration.parse(fromEnv);
      } catch (IllegalArgumentException e) {
        // Packer ignores a bad value too.
      }
    }
    return Duration.ofMillis(100);
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    if (boot.commands().isEmpty()) {
      return;
    }
    Duration wait = boot.waitBeforeTyping();
    if (wait.compareTo(Duration.ZERO) > 0) {
      ctx.ui().say("Waiting " + GoDuration.format(wait) + " for boot...");
      ctx.cancellation().sleep(wait);
    }
    Map<String, Object> fields = TemplateFields.of(state, vmName, httpDir);
    Map<String, String> data = state.find(StateKeys.BUILD_DATA).orElse(Map.of());
    StringBuilder text = new StringBuilder();
    for (String line : boot.commands()) {
      text.append(ctx.renderer().render(line, data, fields));
    }
    List<BootCommand.Action> actions = BootCommand.parse(text.toString());
    ctx.ui().say("Typing the boot command over QMP...");
    // Held modifiers are pressed together with each key (send-key presses its keys in order and
    // releases them in reverse), which needs no raw key events and so works on a paused VM too.
    Set<String> held = new LinkedHashSet<>();
    try (Qmp qmp = Qmp.connect(state.require(QemuState.QMP_SOCKET))) {
      for (BootCommand.Action action : actions) {
        ctx.cancellation().throwIfCancelled();
        if (action instanceof BootCommand.Wait w) {
          ctx.cancellation().sleep(w.duration());
        } else if (action instanceof BootCommand.Hold h) {
          if (h.down()) {
            held.add(h.qcode());
          } else {
            held.remove(h.qcode());
          }
        } else if (action instanceof BootCommand.Keys k) {
          List<String> keys = new ArrayList<>(held);
          k.qcodes().stream().filter(code -> !held.contains(code)).forEach(keys::add);
          qmp.sendKeys(keys);
          if (!keyInterval.isZero() && !keyInterval.isNegative()) {
            ctx.cancellation().sleep(keyInterval);
          }
        }
      }
    }
  }

  @Override
  public String name() {
    return "stepTypeBootCommand";
  }
}
