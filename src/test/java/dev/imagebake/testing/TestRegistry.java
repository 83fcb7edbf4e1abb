package dev.imagebake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker registry (Debian's {@code docker-registry}, distribution 2.x) on a free loopback
 * port with htpasswd (bcrypt) authentication and its storage in a temporary directory. The engine
 * treats 127.0.0.0/8 registries as insecure by default, so plain HTTP works.
 */
public final class TestRegistry implements AutoCloseable {
  public static final String USER = "pusher";
  public static final String PASSWORD = "s3cret-registry-pw";

  private final Process process;
  private final int port;
  private final Path dir;

  private TestRegistry(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static TestRegistry start() {
    try {
      Path dir = Files.createTempDirectory("imagebake-registry");
      Path htpasswd = dir.resolve("htpasswd");
      Process hp =
          new ProcessBuilder("htpasswd", "-Bbc", htpasswd.toString(), USER, PASSWORD)
              .redirectErrorStream(true)
              .start();
      String out = new String(hp.getInputStream().readAllBytes());
      if (hp.waitFor() != 0) {
        throw new IllegalStateException("htpasswd failed: " + out);
      }
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path config =
          Files.writeString(
              dir.resolve("config.yml"),
              """
              version: 0.1
              log:
                level: warn
              storage:
                filesystem:
                  rootdirectory: %s
              http:
                addr: 127.0.0.1:%d
              auth:
                htpasswd:
                  realm: imagebake-test
                  path: %s
              """
                  .formatted(dir.resolve("data"), port, htpasswd));
      Process p =
          new ProcessBuilder("docker-registry", "serve", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      TestRegistry registry = new TestRegistry(p, port, dir);
      registry.awaitListening();
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "docker-registry exited: " + Files.readString(dir.resolve("registry.log")));
        }
        process.waitFor(50, TimeUnit.MILLISECONDS);
      }
    }
    throw new IllegalStateException("docker-registry did not listen on " + port);
  }

  /** {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory
    }
  }
}
