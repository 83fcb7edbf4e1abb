package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * One exec or sftp subsystem request of Ansible (Packer's adapter {@code exec} and {@code
 * remoteExec}): {@code scp -t}/{@code scp -f} are served with the communicator's upload and
 * download ({@link ScpSession}); anything else, and the sftp subsystem as {@code sftp_command}, is
 * run with the communicator's {@link Communicator#runStreaming}, the channel's input and output
 * carried as they come, its exit status as the request's.
 *
 * <p>A communicator that cannot stream input runs commands without it (their output line by line),
 * which is all Ansible needs without pipelining; the sftp subsystem then fails with a message
 * saying so.
 */
final class ProxyCommand implements Command {
  /** What an SSH client takes for "the command could not run". */
  static final int FAILED = 255;

  private final String command;
  private final boolean sftp;
  private final Communicator comm;
  private final CommunicatorQueue queue;
  private final Ui ui;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exit;
  private volatile boolean destroyed;

  private ProxyCommand(
      String command, boolean sftp, Communicator comm, CommunicatorQueue queue, Ui ui) {
    this.command = command;
    this.sftp = sftp;
    this.comm = comm;
    this.queue = queue;
    this.ui = ui;
  }

  /** An exec request: {@code command} is what Ansible asked to run. */
  static ProxyCommand exec(String command, Communicator comm, CommunicatorQueue queue, Ui ui) {
    return new ProxyCommand(command, false, comm, queue, ui);
  }

  /** The sftp subsystem, served by running {@code sftpCommand} on the machine. */
  static ProxyCommand sftp(String sftpCommand, Communicator comm, CommunicatorQueue queue, Ui ui) {
    return new ProxyCommand(sftpCommand, true, comm, queue, ui);
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exit = callback;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    if (!queue.submit(this::runHere)) {
      exit.onExit(FAILED, "the provisioner has ended");
    }
  }

  @Override
  public void destroy(ChannelSession channel) {
    destroyed = true;
  }

  /** Runs on the provisioner's thread. */
  private void runHere() {
    if (destroyed) {
      return;
    }
    int status;
    try {
      status = sftp ? streamed() : ScpSession.serves(command) ? scp() : remote();
    } catch (CancelledException e) {
      status = FAILED;
    } catch (UnsupportedOperationException e) {
      report(
          "SSH proxy: sftp: "
              + e.getMessage()
              + ", which SFTP needs; leave use_sftp unset to transfer with scp");
      status = FAILED;
    } catch (IOException | RuntimeException e) {
      report("SSH proxy: " + command + ": " + e);
      status = FAILED;
    }
    exit.onExit(status);
  }

  /** Shown to Ansible too: its error then says why, not only that the command failed. */
  private void report(String why) {
    if (destroyed) {
      return;
    }
    ui.error(why);
    try {
      err.write((why + "\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException closed) {
      // The channel is gone; the error is on the console already.
    }
  }

  private int scp() throws IOException {
    return new ScpSession(comm, in, out).run(command);
  }

  private int remote() throws IOException {
    try {
      return streamed();
    } catch (UnsupportedOperationException e) {
      CommandResult r = comm.run(RemoteCommand.of(command), new ChannelSink(out, err));
      out.flush();
      err.flush();
      return r.isDisconnected() ? FAILED : r.exitStatus();
    }
  }

  /**
   * Runs the command with the channel's input and output; throws UnsupportedOperationException when
   * the communicator cannot, which for the sftp subsystem reaches Ansible as the reason.
   */
  private int streamed() throws IOException {
    CommandResult r = comm.runStreaming(command, in, out, err);
    out.flush();
    err.flush();
    return r.isDisconnected() ? FAILED : r.exitStatus();
  }

  /** Writes each line, with its newline, to the channel's stdout or stderr. */
  private record ChannelSink(OutputStream out, OutputStream err) implements OutputSink {
    @Override
    public void stdout(String line) {
      write(out, line);
    }

    @Override
    public void stderr(String line) {
      write(err, line);
    }

    private static void write(OutputStream stream, String line) {
      try {
        stream.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stream.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
