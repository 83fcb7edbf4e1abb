package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.TransferProgress;
import dev.imagebake.sdk.UnrecoverableConnectionException;
import dev.imagebake.sdk.UploadFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.PTYMode;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Communicator} over one SSH connection, re-dialled once when it is found dropped.
 *
 * <p>Commands run in one long-lived {@link RemoteShell} per connection where the login shell allows
 * (else, and for commands with input or a terminal, each in a new session); transfers use the
 * {@link RemoteFiles} of {@code ssh_file_transfer_method}. Cancelling closes the current session
 * (and, if the server does not answer, the connection), which ends the blocked call with {@link
 * CancelledException}.
 */
final class SshCommunicator implements Communicator {
  private static final Logger LOG = LoggerFactory.getLogger(SshCommunicator.class);
  private static final int COPY_BUFFER = 64 * 1024;
  private static final int KILL_WAIT_SECONDS = 5;

  private final SshDialer dialer;
  private final RemoteFiles files;
  private final Connection connection;
  private final Cancellation cancellation;

  /**
   * The connection's state, shared by the communicator and its {@link #withCancellation} views.
   * Used by one thread at a time (the provisioner's).
   */
  private static final class Connection {
    volatile SshLink link;
    volatile boolean closed;
    RemoteShell shell;
    SshLink shellLink;
    boolean shellUnsupported;

    Connection(SshLink link) {
      this.link = link;
    }
  }

  SshCommunicator(SshDialer dialer, SshLink link, Cancellation cancellation) {
    this(
        dialer,
        dialer.settings().transferMethod().equals("sftp") ? new SftpFiles() : new ScpFiles(),
        new Connection(link),
        cancellation);
  }

  private SshCommunicator(
      SshDialer dialer, RemoteFiles files, Connection connection, Cancellation cancellation) {
    this.dialer = dialer;
    this.files = files;
    this.connection = connection;
    this.cancellation = cancellation;
  }

  @Override
  public Communicator withCancellation(Cancellation other) {
    return new SshCommunicator(dialer, files, connection, other);
  }

  @Override
  public CommandResult run(RemoteCommand command, OutputSink sink) throws IOException {
    byte[] stdin =
        command.stdin() == null ? null : command.stdin().getBytes(StandardCharsets.UTF_8);
    return logged(command.command(), () -> execute(command.command(), stdin, sink));
  }

  @Override
  public CommandResult uploadAndRun(
      String remotePath, byte[] content, int mode, RemoteCommand command, OutputSink sink)
      throws IOException {
    if (dialer.settings().pty() || command.stdin() != null) {
      // A terminal would mangle the file's bytes; a command with input needs the stdin itself.
      return Communicator.super.uploadAndRun(remotePath, content, mode, command, sink);
    }
    return logged(
        command.command() + " (with " + remotePath + " written first)",
        () -> writeThenRun(remotePath, content, mode, command, sink));
  }

  private CommandResult writeThenRun(
      String remotePath, byte[] content, int mode, RemoteCommand command, OutputSink sink)
      throws IOException {
    String marker = "imagebake-written-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    UploadThenRun gate = new UploadThenRun(marker, sink);
    RemoteShell remote = shell();
    String inline =
        remote == null || remote.umask() == null
            ? null
            : UploadThenRun.inlineCommand(
                remotePath, mode, marker, command.command(), content, remote.umask());
    CommandResult result =
        inline != null && remote.accepts(inline)
            ? inShell(remote, inline, gate)
            : execute(
                UploadThenRun.command(remotePath, mode, marker, command.command()), content, gate);
    if (!gate.written()) {
      throw new UploadFailedException(gate.failure(result));
    }
    return result;
  }

  /**
   * Runs {@code command} in the connection's long-lived shell if it takes it, else in a new session
   * fed {@code stdin} (null: none).
   */
  private CommandResult execute(String command, byte[] stdin, OutputSink sink) throws IOException {
    cancellation.throwIfCancelled();
    if (stdin == null) {
      RemoteShell remote = shell();
      if (remote != null && remote.accepts(command)) {
        return inShell(remote, command, sink);
      }
    }
    return inSession(command, stdin, sink);
  }

  /** A remote command's run. */
  private interface Run {
    CommandResult run() throws IOException;
  }

  /** Runs {@code run}, logging the command as the user wrote it, its exit status and time. */
  private static CommandResult logged(String command, Run run) throws IOException {
    LOG.debug("starting remote command: {}", command);
    long start = System.nanoTime();
    CommandResult result = null;
    try {
      result = run.run();
      return result;
    } finally {
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "remote command {} after {} ms",
            result == null
                ? "failed"
                : result.isDisconnected()
                    ? "lost its connection"
                    : "exited with: " + result.exitStatus(),
            (System.nanoTime() - start) / 1_000_000);
      }
    }
  }

  /**
   * The long-lived shell of the current connection, started on first use and after a reconnect;
   * null with a terminal ({@code ssh_pty}: each command gets its own) or a login shell that cannot
   * run it.
   */
  private RemoteShell shell() throws IOException {
    Connection c = connection;
    if (c.shellUnsupported || dialer.settings().pty()) {
      return null;
    }
    SshLink current = connection();
    if (c.shell != null && c.shellLink == current && c.shell.alive()) {
      return c.shell;
    }
    if (c.shell != null) {
      c.shell.close();
      c.shell = null;
    }
    Session session = openSession();
    SshLink opened = c.link;
    Hook hook = onCancel(() -> abort(opened, session, null));
    RemoteShell started;
    try {
      started = RemoteShell.start(session);
    } catch (IOException e) {
      cancellation.throwIfCancelled();
      closeQuietly(session);
      LOG.debug("could not start the remote shell on {}: {}", describe(), e.toString());
      return null;
    } finally {
      hook.close();
    }
    cancellation.throwIfCancelled();
    if (started == null) {
      c.shellUnsupported = true;
      return null;
    }
    c.shell = started;
    c.shellLink = opened;
    return started;
  }

  /** Runs {@code command} in {@code remote}; falls back to a session if it could not be sent. */
  private CommandResult inShell(RemoteShell remote, String command, OutputSink sink)
      throws IOException {
    SshLink current = connection.link;
    Hook hook = onCancel(() -> abortShell(current, remote));
    try {
      return remote.run(command, sink);
    } catch (RemoteShell.ReaderFailed e) {
      // The command runs on unread: stop it and its shell, or the build waits on it forever.
      abortShell(current, remote);
      cancellation.throwIfCancelled();
      throw new IOException(describe() + ": " + e.getMessage(), e);
    } catch (IOException e) {
      cancellation.throwIfCancelled();
      // The shell ended before it got the command (nothing ran): a session of its own, which
      // reconnects if the connection is gone.
      LOG.debug("the remote shell on {} did not take a command: {}", describe(), e.toString());
      remote.close();
      return inSession(command, null, sink);
    } finally {
      hook.close();
      cancellation.throwIfCancelled();
    }
  }

  /** Runs {@code command} in a new session, feeding it {@code stdin} (null: none). */
  private CommandResult inSession(String command, byte[] stdin, OutputSink sink)
      throws IOException {
    return inNewSession(
        command,
        dialer.settings().pty(),
        SshCommunicator::abort,
        (current, session, cmd) -> {
          feedStdin(cmd, stdin);
          // A reader that fails (the sink threw) stops the command: nobody would read its output.
          AtomicReference<Throwable> readerFailure = new AtomicReference<>();
          Runnable stop = () -> abort(current, session, cmd);
          Thread stderr = pumpInBackground(cmd.getErrorStream(), sink::stderr, readerFailure, stop);
          boolean broken = !pump(cmd.getInputStream(), sink::stdout, readerFailure, stop);
          join(stderr);
          if (readerFailure.get() != null) {
            cancellation.throwIfCancelled();
            Throwable failure = readerFailure.get();
            throw new IOException(
                describe() + ": reading the command's output failed: " + failure, failure);
          }
          return ending(cmd, broken);
        });
  }

  /**
   * In a session of its own and without a terminal (which would mangle the bytes), whatever ssh_pty
   * says: the input is copied on a thread of its own, which the command's end leaves blocked on
   * {@code stdin} until that ends or is closed by its owner. A POSIX login shell first prints its
   * process id, the command's process group (sshd starts each session's shell in a session of its
   * own), which is taken off the output: a cancellation kills that group from another session, as
   * sshd refuses signal requests for root (with another shell, or ssh_pty, only the signal and the
   * disconnect are tried).
   */
  @Override
  public CommandResult runStreaming(
      String command, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws IOException {
    cancellation.throwIfCancelled();
    return logged(command, () -> streamed(command, stdin, stdout, stderr));
  }

  private CommandResult streamed(
      String command, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws IOException {
    AtomicLong group = new AtomicLong();
    // Only a login shell that runs the long-lived shell (a POSIX one) is asked for its process
    // id: fish, say, refuses $$ and would not run the command at all.
    boolean posix = shell() != null;
    return inNewSession(
        posix ? "echo $$; " + command : command,
        false,
        (current, session, cmd) -> abortGroup(current, session, cmd, group.get()),
        (current, session, cmd) -> {
          ByteStreams.copyInBackground(stdin, cmd.getOutputStream(), "ssh-stdin");
          // A reader that cannot write (the receiver went away) stops the command.
          Runnable stop = () -> abortGroup(current, session, cmd, group.get());
          Thread errors =
              ByteStreams.copyInBackground(cmd.getErrorStream(), stderr, stop, "ssh-stderr");
          InputStream output = cmd.getInputStream();
          if (posix) {
            group.set(ByteStreams.firstLineNumber(output));
          }
          cancellation.throwIfCancelled();
          boolean broken = !ByteStreams.copy(output, stdout, stop);
          join(errors);
          return ending(cmd, broken);
        });
  }

  /** What is done with a command once it started in its session, or to abort it. */
  @FunctionalInterface
  private interface Started {
    CommandResult follow(SshLink link, Session session, Session.Command cmd) throws IOException;
  }

  /** How a started command is aborted. */
  @FunctionalInterface
  private interface Abort {
    void abort(SshLink link, Session session, Session.Command cmd);
  }

  /**
   * Starts {@code command} in a new session (with Packer's terminal when {@code pty}), aborted by a
   * cancellation with {@code abort}, and hands it to {@code started}; the session is closed when
   * that returns.
   */
  private CommandResult inNewSession(String command, boolean pty, Abort abort, Started started)
      throws IOException {
    Session session = openSession();
    AtomicReference<Session.Command> running = new AtomicReference<>();
    SshLink current = connection.link;
    Hook hook = onCancel(() -> abort.abort(current, session, running.get()));
    try {
      Session.Command cmd;
      try {
        if (pty) {
          // Packer's terminal: xterm, 80x40, no echo.
          session.allocatePTY("xterm", 80, 40, 0, 0, Map.of(PTYMode.ECHO, 0));
        }
        cmd = session.exec(command);
        running.set(cmd);
      } catch (IOException e) {
        cancellation.throwIfCancelled();
        throw new IOException(
            "could not start the command on " + describe() + ": " + e.getMessage(), e);
      }
      return started.follow(current, session, cmd);
    } finally {
      hook.close();
      closeQuietly(session);
    }
  }

  /**
   * The result of a command whose output has been read: its exit status once it ended ({@code
   * broken}: its output stream broke rather than ended, so it never will).
   */
  private CommandResult ending(Session.Command cmd, boolean broken) throws IOException {
    if (!broken) {
      try {
        cmd.join();
      } catch (IOException e) {
        broken = true;
      }
    }
    cancellation.throwIfCancelled();
    Integer status = cmd.getExitStatus();
    if (status != null) {
      return new CommandResult(status);
    }
    Signal signal = cmd.getExitSignal();
    if (signal != null && !broken) {
      // Go's ssh reports a command killed by a signal as status 128 + signal number.
      return new CommandResult(128 + Signals.number(signal));
    }
    LOG.debug("command ended without exit status on {}", describe());
    return CommandResult.disconnected();
  }

  @Override
  public void upload(String remotePath, InputStream data, long size, int mode) throws IOException {
    CountingStreams.Input counted = new CountingStreams.Input(data);
    transfer(
        "upload of " + size + " bytes to " + remotePath,
        () -> counted.count() == 0,
        (client, abort) -> files.upload(client, abort, remotePath, counted, size, mode));
  }

  @Override
  public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException {
    uploadDir(remoteDir, localDir, contentsOnly, TransferProgress.none());
  }

  @Override
  public void uploadDir(
      String remoteDir, Path localDir, boolean contentsOnly, TransferProgress progress)
      throws IOException {
    transfer(
        "upload of directory " + localDir + " to " + remoteDir,
        () -> true,
        (client, abort) ->
            files.uploadDir(client, abort, remoteDir, localDir, contentsOnly, progress));
  }

  @Override
  public void download(String remotePath, OutputStream out) throws IOException {
    CountingStreams.Output counted = new CountingStreams.Output(out);
    transfer(
        "download of " + remotePath,
        () -> counted.count() == 0,
        (client, abort) -> files.download(client, abort, remotePath, counted));
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir) throws IOException {
    downloadDir(remoteDir, localDir, TransferProgress.none());
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir, TransferProgress progress)
      throws IOException {
    transfer(
        "download of directory " + remoteDir + " to " + localDir,
        () -> true,
        (client, abort) -> files.downloadDir(client, abort, remoteDir, localDir, progress));
  }

  @Override
  public String describe() {
    Hop target = dialer.settings().target();
    String text = "ssh " + target.credentials().user() + "@" + target.address();
    Hop bastion = dialer.settings().bastion();
    return bastion == null ? text : text + " via " + bastion.address();
  }

  @Override
  public void close() {
    connection.closed = true;
    if (connection.shell != null) {
      connection.shell.close();
    }
    connection.link.close();
  }

  /** The connection to use next; re-dials it once if it was dropped. */
  private SshLink connection() throws IOException {
    if (connection.closed) {
      throw new IOException(describe() + ": the communicator is closed");
    }
    if (!connection.link.alive()) {
      reconnect();
    }
    return connection.link;
  }

  private void reconnect() throws IOException {
    LOG.debug("reconnecting to {}", describe());
    connection.link.close();
    try {
      connection.link = dialer.dial();
    } catch (ConnectFailure e) {
      String message =
          "lost the SSH connection to "
              + describe()
              + " and could not reconnect: "
              + e.getMessage();
      if (e.kind() == ConnectFailure.Kind.HOST_KEY
          || e.kind() == ConnectFailure.Kind.CONFIGURATION) {
        // Another machine at the address: no retry may talk to it.
        throw new UnrecoverableConnectionException(message, e);
      }
      throw new IOException(message, e);
    }
  }

  /** A new command session, with agent forwarding requested when the settings say so. */
  private Session openSession() throws IOException {
    SshLink current = connection();
    Session session;
    try {
      session = current.client().startSession();
    } catch (IOException | IllegalStateException e) {
      // The connection broke before we noticed (sshj says "Not connected" with an
      // IllegalStateException when its socket is already gone): dial again, once.
      LOG.debug("opening a session on {} failed: {}", describe(), e.toString());
      reconnect();
      current = connection.link;
      session = current.client().startSession();
    }
    if (dialer.settings().forwardedAgent() != null) {
      try {
        AgentForwarding.request(current.client(), session);
      } catch (IOException e) {
        closeQuietly(session);
        throw e;
      }
    }
    return session;
  }

  /** One transfer attempt on a given connection. */
  private interface Transfer {
    void run(SSHClient client, RemoteFiles.Aborter abort) throws IOException;
  }

  /** A check whether a failed transfer may be repeated (nothing was consumed or produced yet). */
  private interface Repeatable {
    boolean now();
  }

  private void transfer(String what, Repeatable repeatable, Transfer transfer) throws IOException {
    cancellation.throwIfCancelled();
    LOG.debug("{} on {}", what, describe());
    long start = System.nanoTime();
    SshLink current = connection();
    try {
      attempt(current, transfer);
    } catch (IOException | IllegalStateException e) {
      cancellation.throwIfCancelled();
      if (current.alive() || !repeatable.now()) {
        LOG.debug("{} failed: {}", what, e.toString());
        throw e;
      }
      LOG.debug("{} failed with a dropped connection, retrying once: {}", what, e.toString());
      reconnect();
      attempt(connection.link, transfer);
    }
    LOG.debug("{} done after {} ms", what, (System.nanoTime() - start) / 1_000_000);
  }

  private void attempt(SshLink current, Transfer transfer) throws IOException {
    AtomicReference<AutoCloseable> channel = new AtomicReference<>();
    Hook hook = onCancel(() -> abort(current, channel.get(), null));
    try {
      transfer.run(
          current.client(),
          c -> {
            channel.set(c);
            if (cancellation.isCancelled()) {
              closeQuietly(c);
            }
          });
    } catch (IOException | RuntimeException e) {
      cancellation.throwIfCancelled();
      throw e;
    } finally {
      hook.close();
    }
  }

  /**
   * Ends a blocked call at once: asks the command to stop, then drops the connection, which fails
   * every blocked read. (Closing just the channel is not enough: sshd keeps it open until every
   * process holding the command's output has exited, e.g. a {@code sleep} whose shell was killed.)
   * The next call reconnects if the build goes on. Runs on its own thread so that the canceller is
   * never blocked by the network.
   */
  private static void abort(SshLink current, AutoCloseable channel, Session.Command command) {
    Thread thread =
        new Thread(
            () -> {
              if (command != null) {
                try {
                  // Delivered before the disconnect: sshd handles messages in order.
                  command.signal(Signal.TERM);
                } catch (IOException | RuntimeException ignored) {
                  // Servers may refuse signal requests; the disconnect follows anyway.
                }
              }
              current.close();
              closeQuietly(channel);
            },
            "ssh-cancel");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * As {@link #abort}, for a command whose process group is {@code group} (0: not known yet, when
   * only the signal and the disconnect are tried): kills the group from a session of its own first.
   */
  private static void abortGroup(
      SshLink current, Session session, Session.Command command, long group) {
    if (group <= 0) {
      abort(current, session, command);
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try (Session killer = current.client().startSession()) {
                killer.exec("kill -TERM -" + group).join(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (IOException | RuntimeException e) {
                LOG.debug("could not stop the remote commands: {}", e.toString());
              }
              current.close();
              closeQuietly(session);
            },
            "ssh-cancel");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * As {@link #abort}, for a command in {@code remote}: signals its whole process group from a
   * session of its own first, since sshd refuses a signal request for root, then drops the
   * connection.
   */
  private static void abortShell(SshLink current, RemoteShell remote) {
    Thread thread =
        new Thread(
            () -> {
              try {
                remote.command().signal(Signal.TERM);
              } catch (IOException | RuntimeException ignored) {
                // The kill below does it where signal requests are refused.
              }
              try (Session session = current.client().startSession()) {
                session.exec(remote.killCommand()).join(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
              } catch (IOException | RuntimeException e) {
                LOG.debug("could not stop the remote commands: {}", e.toString());
              }
              current.close();
            },
            "ssh-cancel");
    thread.setDaemon(true);
    thread.start();
  }

  private Hook onCancel(Runnable action) {
    return new Hook(cancellation.onCancel(action));
  }

  /** Unregisters a cancellation callback when the call ends. */
  private record Hook(AutoCloseable registration) {
    void close() {
      closeQuietly(registration);
    }
  }

  private static boolean closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return true;
    }
    try {
      closeable.close();
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private static void feedStdin(Session.Command cmd, byte[] stdin) {
    OutputStream out = cmd.getOutputStream();
    if (stdin == null) {
      closeQuietly(out); // EOF at once, as Packer's nil stdin does
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try (out) {
                out.write(stdin);
              } catch (IOException ignored) {
                // The command ended without reading everything; its status tells the story.
              }
            },
            "ssh-stdin");
    thread.setDaemon(true);
    thread.start();
  }

  private static Thread pumpInBackground(
      InputStream in, Consumer<String> lines, AtomicReference<Throwable> failure, Runnable stop) {
    Thread thread = new Thread(() -> pump(in, lines, failure, stop), "ssh-stderr");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Copies {@code in} line by line; false when the stream broke rather than ended. A failure of the
   * copying itself (the sink threw, memory ran out) is recorded in {@code failure} and runs {@code
   * stop}, so that the other stream's reader and the command do not wait for this one.
   */
  private static boolean pump(
      InputStream in, Consumer<String> lines, AtomicReference<Throwable> failure, Runnable stop) {
    LineSplitter splitter = new LineSplitter(lines);
    byte[] buffer = new byte[COPY_BUFFER];
    try {
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          splitter.write(buffer, 0, n);
        }
      } catch (IOException e) {
        splitter.close();
        return false;
      }
      splitter.close();
      return true;
    } catch (RuntimeException | Error e) {
      if (failure.compareAndSet(null, e)) {
        stop.run();
      }
      return false;
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted");
    }
  }
}
