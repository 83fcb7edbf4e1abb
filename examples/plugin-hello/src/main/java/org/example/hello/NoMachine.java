package org.example.hello;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/** What provisioners get under the hello builder: no machine, so remote work fails clearly. */
final class NoMachine implements Communicator {
  private static IOException refused(String what) {
    return new IOException("the hello builder has no machine to " + what);
  }

  @Override
  public CommandResult run(RemoteCommand command, OutputSink sink) throws IOException {
    throw refused("run a command on");
  }

  @Override
  public void upload(String remotePath, InputStream data, long size, int mode)
      throws IOException {
    throw refused("upload to");
  }

  @Override
  public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly)
      throws IOException {
    throw refused("upload to");
  }

  @Override
  public void download(String remotePath, OutputStream out) throws IOException {
    throw refused("download from");
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir) throws IOException {
    throw refused("download from");
  }

  @Override
  public String describe() {
    return "none (hello builder)";
  }

  @Override
  public void close() {}
}
