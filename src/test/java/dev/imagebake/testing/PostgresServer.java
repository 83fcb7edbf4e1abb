package dev.imagebake.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from Debian ({@code /usr/lib/postgresql/VERSION/bin}) in a temporary
 * data directory, listening on a free loopback port, with trust authentication for the {@code
 * postgres} user. PostgreSQL refuses to run as root, so when the tests run as root the server runs
 * as {@code imagebake-test} (created by .ci/run). For tests only.
 *
 * <pre>{@code
 * try (PostgresServer pg = PostgresServer.start()) {
 *   String url = pg.createDatabase(); // postgresql://postgres@127.0.0.1:PORT/tN
 * }
 * }</pre>
 */
public final class PostgresServer implements AutoCloseable {
  private static final String RUN_AS = "imagebake-test";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path dir;
  private final Path bin;
  private final Process process;
  private final int port;

  private PostgresServer(Path dir, Path bin, Process process, int port) {
    this.dir = dir;
    this.bin = bin;
    this.process = process;
    this.port = port;
  }

  /** Initialises a data directory and starts the server; returns once it accepts connections. */
  public static PostgresServer start() throws IOException, InterruptedException {
    Path bin = binDir();
    Path dir = Files.createTempDirectory("imagebake-pg");
    boolean root = isRoot();
    if (root) {
      run(List.of("chown", "-R", RUN_AS, dir.toString()), false);
    }
    Path data = dir.resolve("data");
    run(
        asUser(
            root,
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--no-instructions"),
        true);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd =
        asUser(
            root,
            bin.resolve("postgres").toString(),
            "-D",
            data.toString(),
            "-p",
            Integer.toString(port),
            "-k",
            dir.toString(),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
            "-c",
            "max_connections=60",
            "-c",
            "logging_collector=off");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    StringBuilder log = new StringBuilder();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (log) {
                    log.append(line).append('\n');
                  }
                  if (line.contains("ready to accept connections")) {
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // The server is gone; start() reports it below.
              }
            },
            "postgres-log");
    reader.setDaemon(true);
    reader.start();
    if (!ready.await(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      synchronized (log) {
        throw new IOException("postgres did not start:\n" + log);
      }
    }
    return new PostgresServer(dir, bin, p, port);
  }

  public int port() {
    return port;
  }

  /** Creates an empty database and returns its URL, as IMAGEBAKE_REGISTRY takes it. */
  public String createDatabase() throws SQLException {
    String name = "t" + DATABASES.incrementAndGet();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      run(
          asUser(
              isRoot(),
              bin.resolve("pg_ctl").toString(),
              "stop",
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "-w"),
          false);
    } finally {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(PostgresServer::delete);
      }
    }
  }

  private static void delete(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path binDir() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    try (Stream<Path> versions = Files.list(base)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparing(Path::toString))
          .orElseThrow(() -> new IOException("no PostgreSQL server under " + base));
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asUser(boolean root, String... cmd) {
    List<String> all = new ArrayList<>();
    if (root) {
      all.addAll(List.of("runuser", "-u", RUN_AS, "--"));
    }
    all.addAll(List.of(cmd));
    return all;
  }

  private static void run(List<String> cmd, boolean check)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0 && check) {
      throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
    }
  }
}
