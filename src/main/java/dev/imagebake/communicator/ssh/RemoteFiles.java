package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.TransferProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import net.schmizz.sshj.SSHClient;

/**
 * A file transfer protocol over an authenticated connection ({@code ssh_file_transfer_method}).
 * Each call opens its own channel on {@code client} and closes it before returning; {@code abort}
 * is registered with the build's cancellation and must make a blocked call fail promptly.
 */
sealed interface RemoteFiles permits ScpFiles, SftpFiles {
  void upload(
      SSHClient client, Aborter abort, String remotePath, InputStream data, long size, int mode)
      throws IOException;

  void uploadDir(
      SSHClient client,
      Aborter abort,
      String remoteDir,
      Path localDir,
      boolean contentsOnly,
      TransferProgress progress)
      throws IOException;

  void download(SSHClient client, Aborter abort, String remotePath, OutputStream out)
      throws IOException;

  void downloadDir(
      SSHClient client, Aborter abort, String remoteDir, Path localDir, TransferProgress progress)
      throws IOException;

  /** Where a transfer registers what closes its channel when the build is cancelled. */
  interface Aborter {
    void set(AutoCloseable channel);
  }
}
