package dev.imagebake.builder.file;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.Ui;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * What remote provisioners get under the file builder. Packer hands them a mock communicator on
 * which everything silently succeeds, and templates rely on that; imagebake keeps the success but
 * says, once per call, that nothing happened.
 */
final class NoMachineCommunicator implements Communicator {
  /** Nothing here runs or waits: there is nothing a cancellation could stop. */
  @Override
  public Communicator withCancellation(Cancellation cancellation) {
    return this;
  }

  static final String SKIPPED_COMMAND = "(file builder: no machine, skipping remote command)";

  private final Ui ui;

  NoMachineCommunicator(Ui ui) {
    this.ui = ui;
  }

  @Override
  public CommandResult run(RemoteCommand command, OutputSink sink) {
    ui.message(SKIPPED_COMMAND);
    return new CommandResult(0);
  }

  @Override
  public void upload(String remotePath, InputStream data, long size, int mode) throws IOException {
    ui.message("(file builder: no machine, skipping upload to " + remotePath + ")");
    // Read it all, as Packer's mock does: a producer feeding the stream must not block.
    data.transferTo(OutputStream.nullOutputStream());
  }

  @Override
  public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) {
    ui.message("(file builder: no machine, skipping upload to " + remoteDir + ")");
  }

  @Override
  public void download(String remotePath, OutputStream out) {
    ui.message("(file builder: no machine, skipping download of " + remotePath + ")");
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir) {
    ui.message("(file builder: no machine, skipping download of " + remoteDir + ")");
  }

  @Override
  public String describe() {
    return "none (file builder)";
  }

  @Override
  public void close() {}
}
