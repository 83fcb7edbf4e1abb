package dev.imagebake.provisioner.sleep;

import dev.imagebake.sdk.config.Doc;
import java.time.Duration;

/** The {@code sleep} provisioner's one key. Null means "not set". */
@Doc("Waits for a while: for a service on the machine to settle, or to space out provisioners.")
public record SleepConfig(
    @Doc("How long to wait (e.g. 30s, 5m, 1h30m); unset or 0 does not wait. Ctrl-C ends it.")
        Duration duration) {

  /** The wait, zero when unset or negative (Go's {@code time.After} fires at once for those). */
  Duration waitFor() {
    return duration == null || duration.isNegative() ? Duration.ZERO : duration;
  }
}
