package dev.imagebake.engine;

import dev.imagebake.sdk.Provisioner;
import java.time.Duration;

/**
 * A provisioner with the decorators the template gave it.
 *
 * @param type e.g. {@code shell}
 * @param provisioner the instance for this build
 * @param pauseBefore {@code pause_before}, or {@link Duration#ZERO}
 * @param maxRetries {@code max_retries} (retries after the first failure), 0 for none
 * @param timeout {@code timeout}, or {@link Duration#ZERO} for none
 */
public record PlannedProvisioner(
    String type, Provisioner provisioner, Duration pauseBefore, int maxRetries, Duration timeout) {}
