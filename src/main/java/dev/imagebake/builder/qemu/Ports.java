package dev.imagebake.builder.qemu;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Finding a free port in a range, starting at a random place as Packer does. */
final class Ports {
  @FunctionalInterface
  interface Binder<T> {
    /** Binds {@code port}; throws when it is taken. */
    T bind(int port) throws IOException;
  }

  private Ports() {}

  /**
   * Binds the first port of {@code [min, max]} that {@code binder} accepts, starting at a random
   * offset.
   *
   * @throws IOException when every port is taken
   */
  static <T> T bindInRange(int min, int max, String what, Binder<T> binder) throws IOException {
    int span = max - min + 1;
    int start = ThreadLocalRandom.current().nextInt(span);
    for (int i = 0; i < span; i++) {
      int port = min + (start + i) % span;
      try {
        return binder.bind(port);
      } catch (IOException taken) {
        // Next port.
      }
    }
    throw new IOException("no free " + what + " port between " + min + " and " + max);
  }

  /** A port of the range free on {@code host} right now (QEMU binds it a moment later). */
  static int freeTcpPort(String host, int min, int max) throws IOException {
    return bindInRange(
        min,
        max,
        "host",
        port -> {
          try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return port;
          }
        });
  }
}
