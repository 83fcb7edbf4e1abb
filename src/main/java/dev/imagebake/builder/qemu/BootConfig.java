package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.RenderLater;
import java.time.Duration;
import java.util.List;

/**
 * The boot command and the VNC keys. imagebake types the boot command through the QEMU monitor, so
 * the VNC keys are accepted for compatibility and otherwise unused.
 */
public record BootConfig(
    @Doc(
            "Keys typed after boot_wait, through the QEMU monitor: text plus <enter>, <tab>, <f1>,"
                + " <leftCtrlOn>..., <wait>, <wait5>, <wait10>, <wait1m30s>; rendered with {{"
                + " .HTTPIP }}, {{ .HTTPPort }}, {{ .Name }}.")
        @RenderLater
        List<String> bootCommand,
    @Doc(
            "Wait after starting the VM before typing the boot command (default 10s; a negative"
                + " value such as -1s skips it; imagebake honours 0s, which Packer treats as unset).")
        Duration bootWait,
    @Doc("Pause between two keys (default 100ms, or PACKER_KEY_INTERVAL).")
        Duration bootKeyInterval,
    @Doc("Pause between two key groups; accepted, imagebake uses boot_key_interval.")
        Duration bootKeygroupInterval,
    @Doc("Accepted; imagebake never starts VNC (keys go through the QEMU monitor).")
        Boolean disableVnc,
    @Doc("Accepted and unused: imagebake never starts VNC.") String vncBindAddress,
    @Doc("Accepted and unused: imagebake never starts VNC.") Integer vncPortMin,
    @Doc("Accepted and unused: imagebake never starts VNC.") Integer vncPortMax,
    @Doc("Accepted and unused: imagebake never starts VNC.") Boolean vncUsePassword) {

  List<String> commands() {
    return bootCommand == null ? List.of() : bootCommand;
  }

  /** Packer's default 10s; negative means no wait. */
  Duration waitBeforeTyping() {
    return bootWait == null ? Duration.ofSeconds(10) : bootWait;
  }
}
