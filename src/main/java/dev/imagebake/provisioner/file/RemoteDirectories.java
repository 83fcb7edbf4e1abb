package dev.imagebake.provisioner.file;

import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates destination directories on the machine with {@code mkdir -p}, once per directory and
 * provisioner run. Packer leaves a missing destination directory "undefined" (scp writes a file in
 * its place, sftp fails); imagebake creates it. Needs a POSIX shell, as every supported
 * communicator has.
 */
final class RemoteDirectories {
  private final Communicator comm;
  private final Set<String> ensured = new HashSet<>();

  RemoteDirectories(Communicator comm) {
    this.comm = comm;
  }

  void ensure(String dir) throws IOException {
    if (!ensured.add(dir)) {
      return;
    }
    List<String> errors = new ArrayList<>();
    CommandResult result =
        comm.run(
            RemoteCommand.of("mkdir -p " + RemotePaths.shellQuote(dir)),
            OutputSink.into(new ArrayList<>(), errors));
    if (result.exitStatus() != 0) {
      String why =
          errors.isEmpty()
              ? "mkdir exited with status " + result.exitStatus()
              : String.join(" ", errors);
      throw new IOException("cannot create remote directory " + dir + ": " + why);
    }
  }
}
