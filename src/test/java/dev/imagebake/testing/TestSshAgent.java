package dev.imagebake.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private OpenSSH {@code ssh-agent} on its own socket, holding the keys it was started with.
 * Close it to stop the agent.
 */
public final class TestSshAgent implements AutoCloseable {
  private final Process process;
  private final Path socket;

  private TestSshAgent(Process process, Path socket) {
    this.process = process;
    this.socket = socket;
  }

  /**
   * Starts {@code ssh-agent -D -a socket} (its output goes to {@code log}) and adds {@code keys}.
   */
  public static TestSshAgent start(Path socket, Path log, Path... keys)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    TestSshAgent agent = new TestSshAgent(process, socket);
    try {
      for (int i = 0; i < 500 && !Files.exists(socket) && process.isAlive(); i++) {
        process.waitFor(10, TimeUnit.MILLISECONDS); // polling for the socket
      }
      if (!Files.exists(socket)) {
        throw new IOException("ssh-agent did not create " + socket + ": " + Files.readString(log));
      }
      for (Path key : keys) {
        agent.sshAdd("-q", key.toString());
      }
      return agent;
    } catch (IOException | InterruptedException | RuntimeException e) {
      agent.close();
      throw e;
    }
  }

  public Path socket() {
    return socket;
  }

  /** What {@code ssh-add -l} prints for this agent: one line per key with its fingerprint. */
  public List<String> listing() throws IOException, InterruptedException {
    return sshAdd("-l");
  }

  private List<String> sshAdd(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ssh-add"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SSH_AUTH_SOCK", socket.toString());
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("ssh-add " + String.join(" ", args) + " failed: " + output);
    }
    return output.lines().toList();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }
}
