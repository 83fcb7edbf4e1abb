package dev.imagebake.sdk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A connection to the machine being built (Packer's {@code packersdk.Communicator}).
 *
 * <p>Every method may be called from the provisioner's thread only, one at a time. A method that
 * finds the connection dropped reconnects once before failing. All methods honour the {@link
 * Cancellation} of the communicator (the build's, or the one given to {@link #withCancellation}):
 * cancelling aborts the command or transfer promptly (a remote command is stopped together with
 * every process it started, so that its shell's TERM trap can clean up) and raises {@link
 * CancelledException}.
 */
public interface Communicator extends AutoCloseable {
  /**
   * The same connection, honouring {@code cancellation} instead of this communicator's own: the
   * engine hands each provisioner a view bound to that provisioner's cancellation, so that its
   * {@code timeout} stops the remote command it runs, not only the wait for it. Closing a view
   * closes the connection.
   */
  Communicator withCancellation(Cancellation cancellation);

  /**
   * Runs {@code command} through the remote user's login shell, streaming each output line to
   * {@code sink} as it arrives, and returns when the command ends.
   *
   * @return the exit status, or {@link CommandResult#disconnected()} when the session ended without
   *     one (reboot, sshd killed)
   * @throws IOException when the command could not be started
   */
  CommandResult run(RemoteCommand command, OutputSink sink) throws IOException;

  /**
   * Runs {@code command} through the remote user's login shell (as {@link #run}) with its standard
   * input copied from {@code stdin} as it comes, the remote end seeing end of file when {@code
   * stdin} ends, and its output bytes written unchanged to {@code stdout} and {@code stderr}, each
   * write flushed (Packer's {@code RemoteCmd} with {@code Stdin}, {@code Stdout} and {@code
   * Stderr}): for byte protocols spoken through a command (an {@code sftp-server}) and for input a
   * local program feeds while the command runs. Returns when the command ends, whether or not
   * {@code stdin} has; its copying then stops at its next read.
   *
   * @return the exit status, or {@link CommandResult#disconnected()} as {@link #run}
   * @throws UnsupportedOperationException when this communicator cannot carry input as it comes
   *     (this default)
   * @throws IOException when the command could not be started
   */
  default CommandResult runStreaming(
      String command, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws IOException {
    throw new UnsupportedOperationException(describe() + " cannot stream a command's input");
  }

  /**
   * Writes {@code size} bytes of {@code data} to the remote file {@code remotePath} with the given
   * permission bits, replacing it. The parent directory must exist.
   */
  void upload(String remotePath, InputStream data, long size, int mode) throws IOException;

  /**
   * Writes {@code content} to {@code remotePath} with the permission bits {@code mode} (as {@link
   * #upload}) and, once it is written, runs {@code command} (as {@link #run}). A communicator may
   * do both in one round trip (SSH: one session that receives the file on its standard input); this
   * default does an upload, then a run.
   *
   * @throws UploadFailedException when the file could not be written; nothing was run
   * @throws IOException when the command could not be started
   */
  default CommandResult uploadAndRun(
      String remotePath, byte[] content, int mode, RemoteCommand command, OutputSink sink)
      throws IOException {
    try {
      upload(remotePath, new ByteArrayInputStream(content), content.length, mode);
    } catch (UploadFailedException e) {
      throw e;
    } catch (IOException e) {
      throw new UploadFailedException(e.getMessage(), e);
    }
    return run(command, sink);
  }

  /**
   * Uploads a local directory tree with Packer's trailing-slash rule: when {@code localDir}'s text
   * ends with {@code /} its contents go into {@code remoteDir}; otherwise the directory itself is
   * created inside {@code remoteDir} if that exists, or becomes {@code remoteDir} if it does not.
   */
  void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException;

  /**
   * {@link #uploadDir(String, Path, boolean)}, reporting the bytes of file contents read as they go
   * to {@code progress}. This default reports nothing.
   */
  default void uploadDir(
      String remoteDir, Path localDir, boolean contentsOnly, TransferProgress progress)
      throws IOException {
    uploadDir(remoteDir, localDir, contentsOnly);
  }

  /** Streams the remote file {@code remotePath} into {@code out}. */
  void download(String remotePath, OutputStream out) throws IOException;

  /**
   * Copies the remote directory tree {@code remoteDir} into the local directory {@code localDir}.
   */
  void downloadDir(String remoteDir, Path localDir) throws IOException;

  /**
   * {@link #downloadDir(String, Path)}, reporting the bytes of file contents written as they go to
   * {@code progress}. This default reports nothing.
   */
  default void downloadDir(String remoteDir, Path localDir, TransferProgress progress)
      throws IOException {
    downloadDir(remoteDir, localDir);
  }

  /** A short description for logs and errors, e.g. {@code ssh ubuntu@127.0.0.1:2222}. */
  String describe();

  /** Closes the connection; never throws. */
  @Override
  void close();
}
