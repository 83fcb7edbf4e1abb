package dev.imagebake.registry;

import java.io.IOException;

/**
 * A second process for the concurrency and crash tests: {@code LOCATION set BUCKET CHANNEL N} moves
 * a channel N times (cycling over versions 1-3) and prints how many moves it wrote; {@code LOCATION
 * hang BUCKET} records a version and stops inside its transaction, printing {@code MIDWAY}, until
 * it is killed.
 */
public final class RegistryChild {
  private RegistryChild() {}

  public static void main(String[] args) throws IOException {
    RegistryLocation location = RegistryLocation.parse(args[0]);
    try (Registry r = Registry.open(location)) {
      switch (args[1]) {
        case "set" -> {
          int moves = 0;
          int n = Integer.parseInt(args[4]);
          for (int i = 0; i < n; i++) {
            if (r.setChannel(args[2], args[3], i % 3 + 1, "child-" + ProcessHandle.current().pid())
                .isPresent()) {
              moves++;
            }
          }
          System.out.println("MOVES " + moves);
        }
        case "hang" ->
            r.record(
                Versions.ok(args[2], "half"),
                () -> {
                  System.out.println("MIDWAY");
                  System.out.flush();
                  try {
                    System.in.read();
                  } catch (IOException e) {
                    throw new IllegalStateException(e);
                  }
                  throw new IllegalStateException("not killed");
                });
        default -> throw new IllegalArgumentException(args[1]);
      }
    }
  }
}
