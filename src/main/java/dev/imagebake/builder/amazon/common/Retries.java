package dev.imagebake.builder.amazon.common;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The builder's own retries for EC2's eventual consistency (a fresh id not yet visible, an instance
 * not yet in state), on top of the SDK's: {@code attempts} tries, paused by {@link Waits#pause()}.
 */
final class Retries {
  private Retries() {}

  static <T> T onCodes(Waits waits, int attempts, Set<String> codes, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (AwsServiceException e) {
        if (attempt >= attempts || !codes.contains(AwsErrors.code(e))) {
          throw e;
        }
        waits.pause();
      }
    }
  }
}
