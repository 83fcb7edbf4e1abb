package dev.imagebake.testing;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@link Communicator} whose "machine" is a local directory: remote path {@code /a/b} is {@code
 * root/a/b}. Transfers follow the scp rules of the SDK contract; the only command it runs is {@code
 * mkdir -p 'dir'}. Records every call as a line. For commands run through a real shell, see {@link
 * LocalCommunicator} (which says why there are two).
 */
public final class LocalDirCommunicator implements Communicator {
  /** Local test commands are short: they are not stopped by a cancellation. */
  @Override
  public Communicator withCancellation(Cancellation cancellation) {
    return this;
  }

  private static final Pattern MKDIR = Pattern.compile("mkdir -p '((?:[^']|'\"'\"')*)'");

  private final Path root;
  private final List<String> calls = new ArrayList<>();

  public LocalDirCommunicator(Path root) {
    this.root = root;
  }

  /** The local file behind a remote path. */
  public Path local(String remotePath) {
    String rel = remotePath.replaceFirst("^/+", "");
    return rel.isEmpty() ? root : root.resolve(rel);
  }

  public List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public CommandResult run(RemoteCommand command, OutputSink sink) throws IOException {
    calls.add("run " + command.command());
    Matcher m = MKDIR.matcher(command.command());
    if (!m.matches()) {
      sink.stderr("sh: unsupported in LocalDirCommunicator");
      return new CommandResult(127);
    }
    Path dir = local(m.group(1).replace("'\"'\"'", "'"));
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      sink.stderr("mkdir: cannot create directory '" + m.group(1) + "': File exists");
      return new CommandResult(1);
    }
    Files.createDirectories(dir);
    return new CommandResult(0);
  }

  @Override
  public void upload(String remotePath, InputStream data, long size, int mode) throws IOException {
    calls.add("upload " + remotePath + " " + Integer.toOctalString(mode));
    Path target = local(remotePath);
    if (Files.isDirectory(target)) {
      throw new IOException("scp: " + remotePath + ": Is a directory");
    }
    if (!Files.isDirectory(target.getParent())) {
      throw new IOException("scp: " + remotePath + ": No such file or directory");
    }
    Files.copy(data, target, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException {
    calls.add("uploadDir " + remoteDir + " " + localDir.getFileName() + " " + contentsOnly);
    Path target = local(remoteDir);
    Path into;
    if (contentsOnly) {
      if (!Files.isDirectory(target)) {
        throw new IOException("Process exited with status 1");
      }
      into = target;
    } else if (Files.isDirectory(target)) {
      into = target.resolve(localDir.getFileName().toString());
    } else {
      into = target;
    }
    copyTree(localDir, into);
  }

  @Override
  public void download(String remotePath, OutputStream out) throws IOException {
    calls.add("download " + remotePath);
    Path source = local(remotePath);
    if (!Files.isRegularFile(source)) {
      throw new IOException("scp: " + remotePath + ": No such file or directory");
    }
    Files.copy(source, out);
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir) throws IOException {
    calls.add("downloadDir " + remoteDir);
    String dir =
        remoteDir.endsWith("*") ? remoteDir.substring(0, remoteDir.length() - 1) : remoteDir;
    copyTree(local(dir), localDir);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  @Override
  public String describe() {
    return "local " + root;
  }

  @Override
  public void close() {}
}
