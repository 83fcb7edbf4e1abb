package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One long-lived session whose login shell runs many commands, each in a subshell of its own.
 *
 * <p>Why: OpenSSH forks and starts the user's login shell (with its rc files) for every session,
 * which costs 8 ms for a stock account and 95 ms for root on our development machines (its {@code
 * ~/.bashrc} runs {@code pyenv init}); a build of 50 shell provisioners paid that 50 times. Here it
 * is paid once per connection.
 *
 * <p>What a command observes stays what a session of its own gives it: the login shell, after its
 * rc files, interprets the text; the environment, working directory and umask are the session's (a
 * subshell's changes never reach the next command); standard input is empty; stdout and stderr are
 * separate; the exit status is the command's, 128 + n when a signal killed it. Differences: {@code
 * $$} is the long-lived shell's process id, and output that a background process writes after its
 * command ended is not attributed to that command.
 *
 * <p>Protocol: each request is the command text followed by a line {@code <nonce> end}; the shell
 * collects the lines, runs them with {@code eval} in a background subshell (so that a TERM from a
 * cancelled build interrupts its {@code wait} and takes the whole session's process group down, as
 * {@link SshCommunicator} expects), then prints {@code <nonce> status <n>} on stdout and {@code
 * <nonce> done} on stderr. The command has finished once both arrive, whatever order sshd forwards
 * the two pipes in. The nonce is random per connection and the marker lines are assembled by {@code
 * printf}, so the marker text never appears in the shell's own command line (a {@code ps} in a
 * script cannot fake one).
 */
final class RemoteShell implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteShell.class);

  /** Larger texts go through their own session: the shell's {@code read} takes a byte a call. */
  static final int MAX_REQUEST = 64 * 1024;

  private final String nonce;
  private final Session session;
  private final Session.Command command;
  private final OutputStream requests;
  private final Pattern status;
  private final String done;
  private final Thread stdoutReader;
  private final Thread stderrReader;

  // Guarded by this.
  private boolean ready;
  private long pid;
  private boolean ended;
  private OutputSink sink;
  private Integer exitStatus;
  private boolean stderrDone;

  private RemoteShell(String nonce, Session session, Session.Command command) {
    this.nonce = nonce;
    this.session = session;
    this.command = command;
    this.requests = command.getOutputStream();
    this.status = Pattern.compile(Pattern.quote(nonce) + " status (\\d+)$");
    this.done = nonce + " done";
    this.stdoutReader = reader(command.getInputStream(), this::stdoutLine, "ssh-shell-stdout");
    this.stderrReader = reader(command.getErrorStream(), this::stderrLine, "ssh-shell-stderr");
  }

  /**
   * Starts the shell in {@code session} and waits until it is ready.
   *
   * @return the shell, or null when the login shell cannot run it (not a POSIX shell); the session
   *     is closed then
   * @throws IOException when the session could not be started
   */
  static RemoteShell start(Session session) throws IOException {
    String nonce = "imagebake-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    RemoteShell shell = new RemoteShell(nonce, session, session.exec(loop(nonce)));
    shell.stdoutReader.start();
    shell.stderrReader.start();
    if (!shell.awaitReady()) {
      LOG.debug("the login shell did not run the command loop; one session per command");
      shell.close();
      return null;
    }
    return shell;
  }

  /** The shell text of the loop; the markers are printed through {@code %s} only. */
  static String loop(String nonce) {
    return "n="
        + nonce
        + "\ntrap 'trap - TERM; kill -TERM 0' TERM"
        + "\nprintf '%s ready %s\\n' \"$n\" $$"
        + "\nc="
        + "\nwhile IFS= read -r l; do"
        + "\n  if [ \"$l\" = \"$n end\" ]; then"
        + "\n    (eval \"$c\") </dev/null &"
        + "\n    wait $!; s=$?; c="
        + "\n    printf '%s status %s\\n' \"$n\" \"$s\""
        + "\n    printf '%s done\\n' \"$n\" >&2"
        + "\n  else"
        + "\n    c=\"$c$l\n\""
        + "\n  fi"
        + "\ndone";
  }

  /** Whether {@code text} can go through this shell unchanged. */
  boolean accepts(String text) {
    return text.length() <= MAX_REQUEST
        && text.indexOf('\0') < 0
        && !("\n" + text + "\n").contains("\n" + nonce + " end\n")
        && alive();
  }

  /** A heredoc delimiter that no line of a file sent through this shell may equal. */
  String delimiter() {
    return nonce + "-eof";
  }

  /** Whether the shell still takes commands. */
  synchronized boolean alive() {
    return ready && !ended && session.isOpen();
  }

  /** The session, to signal or close when the build is cancelled. */
  Session.Command command() {
    return command;
  }

  /**
   * A command that sends TERM to this shell's process group (sshd makes the shell a session leader,
   * so its group is everything a command started). sshd refuses signal requests for root sessions;
   * this works for every user.
   */
  synchronized String killCommand() {
    return "kill -TERM -" + pid;
  }

  /**
   * Runs {@code text} in a subshell and streams its output to {@code out}.
   *
   * @return the command's exit status; when the shell itself ended first, what the session reported
   *     (128 + signal, or {@link CommandResult#disconnected()})
   * @throws IOException when the request could not be sent
   */
  CommandResult run(String text, OutputSink out) throws IOException {
    synchronized (this) {
      if (sink != null) {
        throw new IllegalStateException("one command at a time");
      }
      sink = out;
      exitStatus = null;
      stderrDone = false;
    }
    try {
      String request = text.endsWith("\n") ? text : text + "\n";
      requests.write((request + nonce + " end\n").getBytes(StandardCharsets.UTF_8));
      requests.flush();
      synchronized (this) {
        while (!ended && (exitStatus == null || !stderrDone)) {
          wait();
        }
        if (exitStatus != null && stderrDone) {
          return new CommandResult(exitStatus);
        }
      }
      return sessionEnd();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    } finally {
      synchronized (this) {
        sink = null;
      }
    }
  }

  /** What the session said when it ended in the middle of a command. */
  private CommandResult sessionEnd() {
    try {
      command.join();
    } catch (IOException e) {
      return CommandResult.disconnected();
    }
    Signal signal = command.getExitSignal();
    if (signal != null) {
      return new CommandResult(128 + Signals.number(signal));
    }
    return CommandResult.disconnected();
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (IOException | RuntimeException ignored) {
      // Closing a broken session: nothing left to do.
    }
  }

  private synchronized boolean awaitReady() throws IOException {
    try {
      while (!ready && !ended) {
        wait();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IOException("interrupted while starting the remote shell", e);
    }
    return ready;
  }

  private synchronized void stdoutLine(String line) {
    if (!ready) {
      int at = line.lastIndexOf(nonce + " ready ");
      if (at >= 0) {
        pid = Long.parseLong(line.substring(at + nonce.length() + 7).strip());
        ready = true;
        notifyAll();
      } else {
        LOG.debug("login shell said: {}", line);
      }
      return;
    }
    Matcher m = status.matcher(line);
    if (m.find() && sink != null && exitStatus == null) {
      // A last line without a newline arrives joined to the marker.
      if (m.start() > 0) {
        forward(line.substring(0, m.start()), true);
      }
      exitStatus = Integer.parseInt(m.group(1));
      notifyAll();
      return;
    }
    forward(line, true);
  }

  private synchronized void stderrLine(String line) {
    if (!ready) {
      LOG.debug("login shell said: {}", line);
      return;
    }
    if (line.endsWith(done) && sink != null && !stderrDone) {
      if (line.length() > done.length()) {
        forward(line.substring(0, line.length() - done.length()), false);
      }
      stderrDone = true;
      notifyAll();
      return;
    }
    forward(line, false);
  }

  /** Passes a line to the running command's sink. */
  private void forward(String line, boolean stdout) {
    if (sink == null) {
      LOG.debug("output outside any command: {}", line);
    } else if (stdout) {
      sink.stdout(line);
    } else {
      sink.stderr(line);
    }
  }

  private synchronized void streamEnded() {
    ended = true;
    notifyAll();
  }

  private Thread reader(InputStream in, Consumer<String> lines, String name) {
    Thread thread =
        new Thread(
            () -> {
              LineSplitter splitter = new LineSplitter(lines);
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  splitter.write(buffer, 0, n);
                }
              } catch (IOException | RuntimeException e) {
                LOG.debug("remote shell stream broke: {}", e.toString());
              } finally {
                splitter.close();
                streamEnded();
              }
            },
            name);
    thread.setDaemon(true);
    return thread;
  }
}
