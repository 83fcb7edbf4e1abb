package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Consumer;
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
 * <p>Protocol: the shell's command line is constant; its first input line is a random terminator
 * {@code <end>}, which it answers with {@code <end> ready <pid> <umask>}. Each request is the
 * command text, a line {@code <end>}, and a line holding a fresh random {@code <key>} for this
 * command alone. The shell collects the text, runs it with {@code eval} in a background subshell
 * (so that a TERM from a cancelled build interrupts its {@code wait} and takes the whole session's
 * process group down, as {@link SshCommunicator} expects) and only once the subshell ended reads
 * {@code <key>}, then prints {@code <key> status <n>} on stdout and {@code <key> done} on stderr.
 * The command has finished once both arrive, whatever order sshd forwards the two pipes in.
 *
 * <p>Why a key per command, read late: a command must not be able to print its own end with a
 * status of its choice. While it runs, its key is nowhere it can read: not on any command line
 * ({@code ps}), not in the environment or the shell variables it inherits (the subshell unsets the
 * loop's), not in its memory or its open descriptors; it waits unread in the shell's input pipe,
 * which only a process allowed to trace the shell (root, or the same user where ptrace is not
 * restricted) could open. Older keys are spent and ignored.
 */
final class RemoteShell implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteShell.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Larger texts go through their own session: the shell's {@code read} takes a byte a call. */
  static final int MAX_REQUEST = 64 * 1024;

  /**
   * The shell text of the loop. It holds no secret: it is the session's command line, which every
   * process on the machine can read.
   */
  static final String LOOP =
      "trap 'trap - TERM; kill -TERM 0' TERM"
          + "\nIFS= read -r e || exit 1"
          + "\nprintf '%s ready %s %s\\n' \"$e\" $$ \"$(umask)\""
          + "\nc="
          + "\nwhile IFS= read -r l; do"
          + "\n  if [ \"$l\" = \"$e\" ]; then"
          + "\n    (eval \"unset c e k l s\n$c\") </dev/null &"
          + "\n    wait $!; s=$?; c="
          + "\n    IFS= read -r k || exit 1"
          + "\n    printf '%s status %s\\n' \"$k\" \"$s\""
          + "\n    printf '%s done\\n' \"$k\" >&2"
          + "\n    k="
          + "\n  else"
          + "\n    c=\"$c$l\n\""
          + "\n  fi"
          + "\ndone";

  private final String terminator;
  private final Session session;
  private final Session.Command command;
  private final OutputStream requests;
  private final Thread stdoutReader;
  private final Thread stderrReader;

  // Guarded by this.
  private boolean ready;
  private long pid;
  private String umask;
  private boolean ended;
  private Throwable readerFailure;
  private OutputSink sink;
  private String statusPrefix;
  private String done;
  private Integer exitStatus;
  private boolean stderrDone;

  private RemoteShell(String terminator, Session session, Session.Command command) {
    this.terminator = terminator;
    this.session = session;
    this.command = command;
    this.requests = command.getOutputStream();
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
    String terminator = "imagebake-end-" + randomHex();
    RemoteShell shell = new RemoteShell(terminator, session, session.exec(LOOP));
    shell.stdoutReader.start();
    shell.stderrReader.start();
    shell.requests.write((terminator + "\n").getBytes(StandardCharsets.UTF_8));
    shell.requests.flush();
    if (!shell.awaitReady()) {
      LOG.debug("the login shell did not run the command loop; one session per command");
      shell.close();
      return null;
    }
    return shell;
  }

  /** 128 random bits in hex: neither guessable nor derivable from anything printed earlier. */
  static String randomHex() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The session's file-creation mask as {@code umask} printed it (octal digits), or null if it
   * printed something else: what a command that changes it for a while must restore.
   */
  synchronized String umask() {
    return umask;
  }

  /** Whether {@code text} can go through this shell unchanged. */
  boolean accepts(String text) {
    return text.length() <= MAX_REQUEST
        && text.indexOf('\0') < 0
        && !("\n" + text + "\n").contains("\n" + terminator + "\n")
        && alive();
  }

  /** Whether the shell still takes commands. */
  synchronized boolean alive() {
    return ready && !ended && readerFailure == null && session.isOpen();
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
   * @throws ReaderFailed when the command was sent but its output could no longer be read (the
   *     command may still run)
   * @throws IOException when the request could not be sent (nothing ran)
   */
  CommandResult run(String text, OutputSink out) throws IOException {
    String key = "imagebake-" + randomHex();
    synchronized (this) {
      if (sink != null) {
        throw new IllegalStateException("one command at a time");
      }
      sink = out;
      statusPrefix = key + " status ";
      done = key + " done";
      exitStatus = null;
      stderrDone = false;
    }
    try {
      String request = text.endsWith("\n") ? text : text + "\n";
      requests.write((request + terminator + "\n" + key + "\n").getBytes(StandardCharsets.UTF_8));
      requests.flush();
      synchronized (this) {
        while (!ended && readerFailure == null && (exitStatus == null || !stderrDone)) {
          wait();
        }
        if (readerFailure != null) {
          throw new ReaderFailed(readerFailure);
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
        statusPrefix = null;
        done = null;
      }
    }
  }

  /** The output of a command could not be read to its end; the shell is unusable. */
  static final class ReaderFailed extends IOException {
    private static final long serialVersionUID = 1L;

    ReaderFailed(Throwable cause) {
      super("reading the command's output failed: " + cause, cause);
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
      while (!ready && !ended && readerFailure == null) {
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
      int at = line.lastIndexOf(terminator + " ready ");
      if (at >= 0) {
        String[] words = line.substring(at + terminator.length() + 7).strip().split(" ");
        pid = Long.parseLong(words[0]);
        umask = words.length == 2 && words[1].matches("[0-7]{1,4}") ? words[1] : null;
        ready = true;
        notifyAll();
      } else {
        LOG.debug("login shell said: {}", line);
      }
      return;
    }
    // Plain string search, not a regular expression: this runs for every line of every command.
    int at = statusPrefix == null || exitStatus != null ? -1 : line.lastIndexOf(statusPrefix);
    int digits = at + (statusPrefix == null ? 0 : statusPrefix.length());
    if (at >= 0 && isStatus(line, digits)) {
      // A last line without a newline arrives joined to the marker.
      if (at > 0) {
        forward(line.substring(0, at), true);
      }
      exitStatus = Integer.parseInt(line.substring(digits));
      notifyAll();
      return;
    }
    forward(line, true);
  }

  /** Whether {@code line} ends in 1 to 9 decimal digits from {@code from} on. */
  private static boolean isStatus(String line, int from) {
    int n = line.length() - from;
    if (n < 1 || n > 9) {
      return false;
    }
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private synchronized void stderrLine(String line) {
    if (!ready) {
      LOG.debug("login shell said: {}", line);
      return;
    }
    if (done != null && line.endsWith(done) && !stderrDone) {
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

  private synchronized void streamEnded(Throwable failure) {
    ended = true;
    if (failure != null && readerFailure == null) {
      readerFailure = failure;
    }
    notifyAll();
  }

  /**
   * A thread that reads {@code in} to its end. A failure other than the stream breaking (the sink
   * threw, memory ran out) is recorded, so that the waiting command fails instead of waiting for
   * output nobody reads any more.
   */
  private Thread reader(InputStream in, Consumer<String> lines, String name) {
    Thread thread =
        new Thread(
            () -> {
              Throwable failure = null;
              LineSplitter splitter = new LineSplitter(lines);
              byte[] buffer = new byte[8192];
              try {
                try {
                  int n;
                  while ((n = in.read(buffer)) >= 0) {
                    splitter.write(buffer, 0, n);
                  }
                } catch (IOException e) {
                  LOG.debug("remote shell stream broke: {}", e.toString());
                }
                splitter.close();
              } catch (RuntimeException | Error e) {
                failure = e;
              } finally {
                streamEnded(failure);
              }
            },
            name);
    thread.setDaemon(true);
    return thread;
  }
}
