package dev.imagebake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH server ({@code /usr/sbin/sshd -D -e}) on a free loopback port, with throwaway host
 * and client keys in a temporary directory. For tests only.
 *
 * <pre>{@code
 * try (OpenSshServer sshd = OpenSshServer.start()) {
 *   connect to sshd.host():sshd.port() as sshd.user() with key sshd.clientKey()
 * }
 * }</pre>
 *
 * <p>The server logs in the user running the tests (root in CI: {@code PermitRootLogin yes}) with
 * the generated ed25519 or RSA key. {@link #stop()} (or {@code close()}) kills the server and every
 * session process it forked, and deletes the directory.
 */
public final class OpenSshServer implements AutoCloseable {
  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final String MARKER = "IMAGEBAKE_TEST_SSHD";

  private final Path dir;
  private final Options options;
  private volatile Process process;
  private final int port;

  /** Options of {@link #start(Options)}; {@code new Options()} gives the defaults. */
  public static final class Options {
    boolean passwordAuthentication;
    boolean userCertificates;
    String logLevel = "VERBOSE";
    final List<String> extraConfig = new ArrayList<>();

    /**
     * Trusts a throwaway user CA and issues a certificate for {@link OpenSshServer#user()} on a key
     * that is not in authorized_keys: see {@link OpenSshServer#certifiedKey()} and {@link
     * OpenSshServer#certificate()}.
     */
    public Options userCertificates() {
      userCertificates = true;
      return this;
    }

    /** Enables password and keyboard-interactive authentication (checked against the system). */
    public Options passwordAuthentication() {
      passwordAuthentication = true;
      return this;
    }

    /**
     * Sets sshd's {@code LogLevel} (default VERBOSE). At DEBUG levels sshd also writes debug lines
     * to the stderr of commands run through it, so use them only for servers that run none.
     */
    public Options logLevel(String level) {
      logLevel = level;
      return this;
    }

    /**
     * Appends a raw {@code sshd_config} line, e.g. {@code "Ciphers aes256-ctr"}. sshd keeps the
     * first value of a keyword, so this cannot change one the fixture sets (see {@link #logLevel}).
     */
    public Options config(String line) {
      extraConfig.add(line);
      return this;
    }
  }

  private OpenSshServer(Path dir, Options options, Process process, int port) {
    this.dir = dir;
    this.options = options;
    this.process = process;
    this.port = port;
  }

  /** Starts a server with the default options. */
  public static OpenSshServer start() {
    return start(new Options());
  }

  public static OpenSshServer start(Options options) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("imagebake-sshd-");
      keygen(dir.resolve("host_ed25519_key"), "ed25519");
      keygen(dir.resolve("client_ed25519"), "ed25519");
      keygen(dir.resolve("client_rsa"), "rsa");
      keygen(dir.resolve("unauthorized_ed25519"), "ed25519");
      if (options.userCertificates) {
        keygen(dir.resolve("user_ca"), "ed25519");
        keygen(dir.resolve("certified_ed25519"), "ed25519");
        run(
            "ssh-keygen",
            "-q",
            "-s",
            dir.resolve("user_ca").toString(),
            "-I",
            "imagebake-test",
            "-n",
            System.getProperty("user.name"),
            dir.resolve("certified_ed25519.pub").toString());
      }
      Files.writeString(
          dir.resolve("authorized_keys"),
          Files.readString(dir.resolve("client_ed25519.pub"))
              + Files.readString(dir.resolve("client_rsa.pub")));
      // sshd reads authorized_keys as the user logging in: other local users (see
      // InterruptIT) can log in with the same throwaway key only if they can read it.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(
          dir.resolve("authorized_keys"), PosixFilePermissions.fromString("rw-r--r--"));
      if (isRoot()) {
        // sshd refuses to start as root without its privilege-separation directory.
        Files.createDirectories(Path.of("/run/sshd"));
      }
      IOException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = freePort();
        Process process = launch(dir, port, options);
        try {
          awaitListening(process, port, dir);
          return new OpenSshServer(dir, options, process, port);
        } catch (IOException e) {
          // Most likely another process took the port between freePort() and sshd's bind.
          killTree(process.toHandle());
          last = e;
        }
      }
      throw last;
    } catch (IOException e) {
      if (dir != null) {
        deleteTree(dir);
      }
      throw new UncheckedIOException("cannot start sshd: " + e.getMessage(), e);
    }
  }

  private static Process launch(Path dir, int port, Options options) throws IOException {
    Path config = writeConfig(dir, port, options);
    return new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("sshd.log").toFile()))
        .start();
  }

  /**
   * Stops the server with every connection (as a machine going down for a reboot), gives it a new
   * host key, and starts it again on the same port: what a client sees when another machine answers
   * at the address, or a reinstalled one. {@link #hostPublicKey()} then returns the new key.
   */
  public void restartWithNewHostKey() {
    killTree(process.toHandle());
    try {
      Files.deleteIfExists(dir.resolve("host_ed25519_key"));
      Files.deleteIfExists(dir.resolve("host_ed25519_key.pub"));
      keygen(dir.resolve("host_ed25519_key"), "ed25519");
      IOException last = null;
      // The port was just released; sshd binds with SO_REUSEADDR, a retry covers a slow release.
      for (int attempt = 0; attempt < 3; attempt++) {
        Process restarted = launch(dir, port, options);
        try {
          awaitListening(restarted, port, dir);
          process = restarted;
          return;
        } catch (IOException e) {
          killTree(restarted.toHandle());
          last = e;
        }
      }
      throw last;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart sshd: " + e.getMessage(), e);
    }
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  /** The user the server lets in: whoever runs the tests. */
  public String user() {
    return System.getProperty("user.name");
  }

  /**
   * A null builder block (JSON) that logs in to this server as {@link #user()} with {@link
   * #clientKey()}: the machine of a template whose provisioners run over SSH.
   */
  public String nullBuilder() {
    return nullBuilder(user());
  }

  /** {@link #nullBuilder()} logging in as {@code user}. */
  public String nullBuilder(String user) {
    return """
        {"type": "null", "ssh_host": "%s", "ssh_port": %d,
         "ssh_username": "%s", "ssh_private_key_file": "%s"}"""
        .formatted(host(), port(), user, clientKey());
  }

  /** The throwaway client ed25519 private key (OpenSSH format), authorized for {@link #user()}. */
  public Path clientKey() {
    return dir.resolve("client_ed25519");
  }

  /** The throwaway client RSA private key, authorized for {@link #user()}. */
  public Path clientRsaKey() {
    return dir.resolve("client_rsa");
  }

  /** An ed25519 private key the server does not accept. */
  public Path unauthorizedKey() {
    return dir.resolve("unauthorized_ed25519");
  }

  /** With {@link Options#userCertificates()}: a key accepted only with {@link #certificate()}. */
  public Path certifiedKey() {
    return dir.resolve("certified_ed25519");
  }

  /**
   * With {@link Options#userCertificates()}: the OpenSSH certificate of {@link #certifiedKey()}.
   */
  public Path certificate() {
    return dir.resolve("certified_ed25519-cert.pub");
  }

  /** The text of {@link #clientKey()}. */
  public String clientKeyPem() {
    return read(clientKey());
  }

  /** The server's host public key as a known_hosts-style line: {@code ssh-ed25519 AAAA...}. */
  public String hostPublicKey() {
    String[] parts = read(dir.resolve("host_ed25519_key.pub")).trim().split("\\s+");
    return parts[0] + " " + parts[1];
  }

  /** The host key's OpenSSH fingerprint, {@code SHA256:...} (unpadded base64). */
  public String hostKeyFingerprint() {
    byte[] blob = Base64.getDecoder().decode(hostPublicKey().split(" ")[1]);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds a public key line ({@code ssh-ed25519 AAAA... comment}) to the server's authorized_keys,
   * e.g. the key pair a fake cloud endpoint made for an instance.
   */
  public void authorize(String publicKeyLine) {
    try {
      Files.writeString(
          dir.resolve("authorized_keys"),
          publicKeyLine + "\n",
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A scratch directory deleted with the server. */
  public Path directory() {
    return dir;
  }

  /** What sshd logged so far (useful in assertion messages). */
  public String log() {
    return read(dir.resolve("sshd.log"));
  }

  /**
   * The PIDs of the processes serving connections (sshd children and their descendants), not the
   * listener itself.
   */
  public List<Long> sessionPids() {
    return process.toHandle().descendants().map(ProcessHandle::pid).toList();
  }

  /** Kills every connection's sshd process (as a crashed or rebooting machine would). */
  public void dropConnections() {
    process.toHandle().children().forEach(OpenSshServer::killTree);
  }

  /**
   * Freezes (SIGSTOP) every connection's processes so that the TCP connection stays open but
   * nothing answers; {@link #stop()} kills them.
   */
  public void freezeConnections() {
    signal("STOP", process.toHandle().descendants().map(ProcessHandle::pid).toList());
  }

  /** Kills the server and its sessions and deletes the directory. Idempotent. */
  public void stop() {
    killTree(process.toHandle());
    killMarked();
    deleteTree(dir);
  }

  /** Kills processes whose environment carries this server's marker. */
  private void killMarked() {
    byte[] marker = (MARKER + "=" + dir + "\0").getBytes(StandardCharsets.UTF_8);
    ProcessHandle.allProcesses()
        .filter(p -> environmentContains(p.pid(), marker))
        .forEach(ProcessHandle::destroyForcibly);
  }

  private static boolean environmentContains(long pid, byte[] entry) {
    byte[] environ;
    try {
      environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
    } catch (IOException | RuntimeException e) {
      return false; // gone, or not ours to read
    }
    outer:
    for (int i = 0; i + entry.length <= environ.length; i++) {
      if (i > 0 && environ[i - 1] != 0) {
        continue;
      }
      for (int j = 0; j < entry.length; j++) {
        if (environ[i + j] != entry[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    stop();
  }

  private static Path writeConfig(Path dir, int port, Options options) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("ListenAddress 127.0.0.1:" + port);
    lines.add("HostKey " + dir.resolve("host_ed25519_key"));
    lines.add("AuthorizedKeysFile " + dir.resolve("authorized_keys"));
    lines.add("PidFile " + dir.resolve("sshd.pid"));
    lines.add("PermitRootLogin yes");
    lines.add("StrictModes no");
    lines.add("UsePAM no");
    lines.add("PubkeyAuthentication yes");
    lines.add("PasswordAuthentication " + (options.passwordAuthentication ? "yes" : "no"));
    lines.add("KbdInteractiveAuthentication " + (options.passwordAuthentication ? "yes" : "no"));
    lines.add("AllowTcpForwarding yes");
    lines.add("AllowAgentForwarding yes");
    lines.add("PrintMotd no");
    lines.add("LogLevel " + options.logLevel);
    lines.add("Subsystem sftp internal-sftp");
    // Marks every process started through this server, so stop() also finds orphans (e.g. a
    // `sleep` whose shell was killed), which are no longer descendants of sshd.
    lines.add("SetEnv " + MARKER + "=" + dir);
    if (options.userCertificates) {
      lines.add("TrustedUserCAKeys " + dir.resolve("user_ca.pub"));
    }
    // Keyword lines must come before any Match block the caller may add.
    lines.addAll(options.extraConfig);
    Path config = dir.resolve("sshd_config");
    Files.write(config, lines, StandardCharsets.UTF_8);
    return config;
  }

  private static void awaitListening(Process process, int port, Path dir) throws IOException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException(
            "sshd exited with status "
                + process.exitValue()
                + ": "
                + read(dir.resolve("sshd.log")));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          // Polling interval while sshd starts, not a synchronisation sleep.
          process.waitFor(20, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for sshd", e);
        }
      }
    }
    throw new IOException("sshd did not listen on port " + port + " within " + START_TIMEOUT);
  }

  private static void keygen(Path file, String type) throws IOException {
    // 2048-bit RSA: strong enough for a throwaway key, and quicker to generate than the default.
    String bits = type.equals("rsa") ? "2048" : "256";
    run(
        "ssh-keygen",
        "-q",
        "-t",
        type,
        "-b",
        bits,
        "-N",
        "",
        "-C",
        "imagebake-test",
        "-f",
        file.toString());
  }

  private static void signal(String signal, List<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(pid -> command.add(Long.toString(pid)));
    try {
      run(command.toArray(String[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output.trim());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void killTree(ProcessHandle root) {
    List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
    all.add(0, root);
    // SIGKILL cannot be ignored and also ends processes frozen by freezeConnections(). Only the
    // root is waited for: the others may be reaped late by whatever adopts them (e.g. a container's
    // init), which says nothing about whether they still run.
    all.forEach(ProcessHandle::destroyForcibly);
    try {
      root.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // Best effort: a process that outlives this is the OS's to report.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // Left for the OS's temp cleaning.
                }
              });
    } catch (IOException ignored) {
      // Same.
    }
  }
}
