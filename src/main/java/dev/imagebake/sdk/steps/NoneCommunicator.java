package dev.imagebake.sdk.steps;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The communicator of {@code "communicator": "none"}: every operation fails with Packer's message,
 * so only local provisioners (shell-local, breakpoint) work.
 */
public final class NoneCommunicator implements Communicator {
  /** Nothing here runs or waits: there is nothing a cancellation could stop. */
  @Override
  public Communicator withCancellation(Cancellation cancellation) {
    return this;
  }

  @Override
  public CommandResult run(RemoteCommand command, OutputSink sink) throws IOException {
    throw notImplemented("Start");
  }

  @Override
  public void upload(String remotePath, InputStream data, long size, int mode) throws IOException {
    throw notImplemented("Upload");
  }

  @Override
  public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException {
    throw notImplemented("UploadDir");
  }

  @Override
  public void download(String remotePath, OutputStream out) throws IOException {
    throw notImplemented("Download");
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir) throws IOException {
    throw notImplemented("DownloadDir");
  }

  @Override
  public String describe() {
    return "none";
  }

  @Override
  public void close() {}

  private static IOException notImplemented(String operation) {
    return new IOException(operation + " is not implemented when communicator = 'none'");
  }
}
