package dev.imagebake.builder.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.testing.TestCancellation;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SshBannerTest {

  /** Accepts connections; the first {@code silent} ones get nothing, later ones a banner. */
  private static final class FakeForward implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final AtomicInteger accepted = new AtomicInteger();
    final List<Socket> open = new ArrayList<>();
    final Thread thread;

    FakeForward(int silent) throws Exception {
      thread =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket s = server.accept();
                    synchronized (open) {
                      open.add(s);
                    }
                    if (accepted.incrementAndGet() > silent) {
                      OutputStream out = s.getOutputStream();
                      out.write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
                      out.flush();
                    }
                  }
                } catch (Exception e) {
                  // closed
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    @Override
    public void close() throws Exception {
      server.close();
      synchronized (open) {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }

  @Test
  void aSilentConnectionIsReplacedByAFreshOneUntilTheBannerComes() throws Exception {
    try (FakeForward forward = new FakeForward(1)) {
      SshBanner.await(
          "127.0.0.1",
          forward.port(),
          Instant.now().plus(Duration.ofMinutes(1)),
          new TestCancellation());
      // The first connection never answered; the probe gave up on it and opened a second.
      assertThat(forward.accepted.get()).isEqualTo(2);
    }
  }

  @Test
  void aPortThatSendsSomethingElseIsNotSsh() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  s.getOutputStream().write("HTTP/1.1 400\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                  // closed
                }
              });
      t.start();
      assertThat(SshBanner.answers("127.0.0.1", server.getLocalPort())).isFalse();
      t.join();
    }
  }

  @Test
  void aClosedPortDoesNotAnswerAndTheWaitEndsAtTheDeadline() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertThat(SshBanner.answers("127.0.0.1", port)).isFalse();
    SshBanner.await("127.0.0.1", port, Instant.now(), new TestCancellation());
  }

  @Test
  void cancellationEndsTheWait() throws Exception {
    TestCancellation cancellation = new TestCancellation();
    cancellation.cancel("interrupted");
    try (FakeForward forward = new FakeForward(Integer.MAX_VALUE)) {
      assertThatThrownBy(
              () ->
                  SshBanner.await(
                      "127.0.0.1",
                      forward.port(),
                      Instant.now().plus(Duration.ofMinutes(1)),
                      cancellation))
          .isInstanceOf(CancelledException.class);
    }
  }
}
