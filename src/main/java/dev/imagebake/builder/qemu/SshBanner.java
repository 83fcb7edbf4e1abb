package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a port forwarded by QEMU's user-mode network answers with an SSH banner.
 *
 * <p>QEMU accepts the host side of a forwarded connection at once and then retries its SYN into a
 * guest that is still booting with a growing back-off: a connection opened early may get its banner
 * many seconds after the guest's sshd is up (seen: 18.6 s against 8.9 s for fresh connections). So
 * each probe waits a short while for the banner and a silent one is replaced by a fresh connection;
 * the real SSH connection is made once a banner came.
 */
final class SshBanner {
  /** How long one probe waits for the banner before trying a fresh connection. */
  static final Duration PROBE = Duration.ofMillis(1500);

  /** Pause between probes whose connection was refused or closed at once. */
  static final Duration PAUSE = Duration.ofMillis(200);

  private SshBanner() {}

  /**
   * Returns once {@code host:port} sent a line starting with {@code SSH-}, or at {@code deadline}
   * (the SSH connection that follows then reports why it cannot connect).
   *
   * @throws dev.imagebake.sdk.CancelledException when {@code cancellation} fires
   */
  static void await(String host, int port, Instant deadline, Cancellation cancellation) {
    while (Instant.now().isBefore(deadline)) {
      cancellation.throwIfCancelled();
      Instant probeStart = Instant.now();
      if (answers(host, port)) {
        return;
      }
      Duration spent = Duration.between(probeStart, Instant.now());
      if (spent.compareTo(PAUSE) < 0) {
        cancellation.sleep(PAUSE.minus(spent));
      }
    }
  }

  /** One probe: connect, read the first bytes for at most {@link #PROBE}. */
  static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE.toMillis());
      socket.setSoTimeout((int) PROBE.toMillis());
      InputStream in = socket.getInputStream();
      byte[] first = new byte[4];
      int n = 0;
      while (n < first.length) {
        int r = in.read(first, n, first.length - n);
        if (r < 0) {
          return false;
        }
        n += r;
      }
      return new String(first, StandardCharsets.US_ASCII).equals("SSH-");
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
