package dev.imagebake.communicator.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ExecCreateCmd;
import com.github.dockerjava.api.command.ExecStartCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.imagebake.docker.AttachedExec;
import dev.imagebake.docker.DockerEngine;
import dev.imagebake.docker.EngineErrors;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.sdk.TransferProgress;
import dev.imagebake.sdk.UploadFailedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs commands in a container through the engine's exec API and moves files as tar streams through
 * its archive API (Packer's docker communicator, without the docker CLI). Commands run as {@code
 * /bin/sh -c "(command)"} as Packer's do, as the configured {@code exec_user}; their stdout and
 * stderr stay apart and their exit status is the process's.
 */
final class DockerCommunicator implements Communicator {
  private static final Logger LOG = LoggerFactory.getLogger(DockerCommunicator.class);

  private final DockerEngine engine;
  private final DockerClient docker;
  private final ContainerTarget target;
  private final Cancellation cancellation;

  DockerCommunicator(DockerEngine engine, ContainerTarget target, Cancellation cancellation) {
    this.engine = engine;
    this.docker = engine.api();
    this.target = target;
    this.cancellation = cancellation;
  }

  /** The same container and engine connection, honouring {@code other}. */
  @Override
  public Communicator withCancellation(Cancellation other) {
    return new DockerCommunicator(engine, target, other);
  }

  @Override
  public CommandResult run(RemoteCommand command, OutputSink sink) throws IOException {
    if (command.stdin() == null) {
      return exec(shellCommand(command.command()), target.execUser(), sink);
    }
    // The engine's attach never closes a command's stdin (so a reader would wait forever): the
    // text goes in as a file the command reads, removed when it ends.
    byte[] stdin = command.stdin().getBytes(StandardCharsets.UTF_8);
    String file = "/tmp/.imagebake-stdin-" + java.util.UUID.randomUUID();
    upload(file, new ByteArrayInputStream(stdin), stdin.length, 0644);
    return exec(
        List.of(
            "/bin/sh",
            "-c",
            "(" + command.command() + ") < " + file + "; s=$?; rm -f " + file + "; exit $s"),
        target.execUser(),
        sink);
  }

  /**
   * Over a connection of its own that can end the command's input ({@link AttachedExec}); an engine
   * reached over TLS cannot.
   */
  @Override
  public CommandResult runStreaming(
      String command, InputStream stdin, OutputStream stdout, OutputStream stderr)
      throws IOException {
    if (!AttachedExec.supports(engine)) {
      throw new UnsupportedOperationException(
          describe() + " (over TLS) cannot stream a command's input");
    }
    cancellation.throwIfCancelled();
    String execId = create(shellCommand(command), target.execUser(), true);
    try (AttachedExec exec = AttachedExec.start(engine, execId);
        AutoCloseable hook = cancellation.onCancel(() -> stop(execId, exec))) {
      exec.feed(stdin);
      exec.copyOutput(stdout, stderr);
    } catch (IOException e) {
      cancellation.throwIfCancelled();
      throw new IOException(
          "running a command in container " + target.shortId() + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
    cancellation.throwIfCancelled();
    return exitStatus(execId);
  }

  /** Packer's form of a command in a container. */
  private static List<String> shellCommand(String command) {
    return List.of("/bin/sh", "-c", "(" + command + ")");
  }

  /** Creates an exec of {@code argv} with its output attached, and its input when asked. */
  private String create(List<String> argv, String user, boolean withInput) throws IOException {
    LOG.debug("starting remote command in {}: {}", target.containerId(), argv);
    try {
      ExecCreateCmd create =
          docker
              .execCreateCmd(target.containerId())
              .withCmd(argv.toArray(String[]::new))
              .withAttachStdin(withInput)
              .withAttachStdout(true)
              .withAttachStderr(true);
      if (user != null && !user.isEmpty()) {
        create.withUser(user);
      }
      return create.exec().getId();
    } catch (RuntimeException e) {
      throw new IOException(
          "cannot run a command in container " + target.shortId() + ": " + EngineErrors.describe(e),
          e);
    }
  }

  private CommandResult exec(List<String> argv, String user, OutputSink sink) throws IOException {
    cancellation.throwIfCancelled();
    String execId = create(argv, user, false);
    ExecOutput output = new ExecOutput(sink);
    ExecStartCmd start = docker.execStartCmd(execId);
    try (AutoCloseable hook = cancellation.onCancel(() -> stop(execId, output))) {
      start.exec(output).awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(execId, output);
      throw new CancelledException("interrupted");
    } catch (RuntimeException e) {
      if (!cancellation.isCancelled()) {
        throw new IOException(
            "running a command in container " + target.shortId() + ": " + EngineErrors.describe(e),
            e);
      }
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    } finally {
      output.flush();
    }
    cancellation.throwIfCancelled();
    return exitStatus(execId);
  }

  /** The exec's exit code; once its output ended it is done or about to be. */
  private CommandResult exitStatus(String execId) throws IOException {
    try {
      for (int attempt = 0; ; attempt++) {
        var exec = engine.inspect("/exec/" + execId + "/json");
        if (!exec.path("Running").asBoolean(false) && exec.path("ExitCode").isNumber()) {
          LOG.debug("remote command exited with: {}", exec.path("ExitCode").asInt());
          return new CommandResult(exec.path("ExitCode").asInt());
        }
        // The output stream closes a moment before the engine records the exit: wait for it.
        cancellation.sleep(java.time.Duration.ofMillis(Math.min(100, 5L << Math.min(attempt, 5))));
      }
    } catch (NotFoundException e) {
      // The container (and its execs) went away while the command ran.
      return CommandResult.disconnected();
    } catch (RuntimeException e) {
      if (e instanceof CancelledException c) {
        throw c;
      }
      throw new IOException("reading the exit status: " + EngineErrors.describe(e), e);
    }
  }

  /**
   * Stops a running exec: the engine's API has no call for that, so the process and its children
   * are killed from this host when the engine runs here (the usual unix socket), and the output is
   * abandoned in any case; the container itself is removed by the builder's cleanup.
   */
  private void stop(String execId, AutoCloseable output) {
    try {
      long pid = execPid(execId);
      if (pid > 0) {
        ProcessHandle.of(pid)
            .ifPresent(
                p -> {
                  p.descendants().forEach(ProcessHandle::destroyForcibly);
                  p.destroyForcibly();
                });
      }
    } catch (RuntimeException ignored) {
      // the exec or the engine is gone: nothing left to stop
    }
    try {
      output.close();
    } catch (Exception ignored) {
      // closing the attached stream does not fail in a way that matters here
    }
  }

  /**
   * The host pid of a running exec, 0 when it has ended. The engine stores the pid when its call
   * that starts the process returns, and the process may have written output (and been cancelled on
   * it) before that; an inspect in between shows a running exec with pid 0, and the command was
   * left running (the likely cause of a DockerCommunicatorTest failure seen once in CI). So a
   * running exec without its pid is asked again, for at most about a second.
   */
  private long execPid(String execId) {
    for (int attempt = 0; ; attempt++) {
      var exec = engine.inspect("/exec/" + execId + "/json");
      long pid = exec.path("Pid").asLong(0);
      if (pid > 0 || !exec.path("Running").asBoolean(false) || attempt >= 40) {
        return pid;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 0;
      }
    }
  }

  @Override
  public void upload(String remotePath, InputStream data, long size, int mode) throws IOException {
    String path = absolute(remotePath);
    int slash = path.lastIndexOf('/');
    String dir = slash == 0 ? "/" : path.substring(0, slash);
    String name = path.substring(slash + 1);
    TarStreams.Produced tar =
        TarStreams.produce(path, t -> TarStreams.writeFile(t, name, data, size, mode));
    try {
      putArchive(dir, tar);
    } catch (NotFoundException e) {
      throw new UploadFailedException(
          "cannot upload " + path + ": directory " + dir + " does not exist in the container", e);
    }
    fixOwner(path);
  }

  @Override
  public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException {
    uploadDir(remoteDir, localDir, contentsOnly, TransferProgress.none());
  }

  @Override
  public void uploadDir(
      String remoteDir, Path localDir, boolean contentsOnly, TransferProgress progress)
      throws IOException {
    if (!Files.isDirectory(localDir)) {
      throw new IOException(localDir + " is not a directory");
    }
    String dir = absolute(remoteDir).replaceAll("(?<=.)/+$", "");
    String name = localDir.toAbsolutePath().normalize().getFileName().toString();
    try {
      // The destination exists: the tree (or its contents) goes into it, as docker cp does.
      String prefix = contentsOnly ? "" : name;
      putArchive(
          dir,
          TarStreams.produce(
              dir, t -> TarStreams.writeTree(t, localDir, prefix, progress::transferred)));
      fixOwner(contentsOnly ? dir : dir + "/" + name);
    } catch (NotFoundException missing) {
      // It does not: the tree becomes it, with any missing parents.
      String relative = dir.substring(1);
      putArchive(
          "/",
          TarStreams.produce(
              dir,
              t -> {
                int cut = relative.lastIndexOf('/');
                if (cut > 0) {
                  TarStreams.writeParents(t, relative.substring(0, cut), 0755);
                }
                TarStreams.writeTree(t, localDir, relative, progress::transferred);
              }));
      fixOwner(dir);
    }
  }

  private void putArchive(String dir, TarStreams.Produced tar) throws IOException {
    try (AutoCloseable hook = cancellation.onCancel(tar::abort)) {
      docker
          .copyArchiveToContainerCmd(target.containerId())
          .withRemotePath(dir)
          .withTarInputStream(tar.in())
          .exec();
    } catch (NotFoundException e) {
      tar.abort();
      throw e;
    } catch (RuntimeException e) {
      tar.abort();
      cancellation.throwIfCancelled();
      throw new UploadFailedException(
          "cannot upload to "
              + dir
              + " in container "
              + target.shortId()
              + ": "
              + EngineErrors.describe(e),
          e);
    } catch (Exception e) {
      throw new IOException(e.getMessage(), e);
    }
    tar.finish();
  }

  /**
   * Packer's {@code fix_upload_owner}: uploads are chowned to the container's user. The engine
   * extracts as root, so nothing is run when that user is root.
   */
  private void fixOwner(String path) throws IOException {
    String owner = target.uploadOwner();
    if (owner == null
        || owner.isEmpty()
        || owner.equals("root")
        || owner.equals("0")
        || owner.startsWith("0:")
        || owner.startsWith("root:")) {
      return;
    }
    List<String> lines = new ArrayList<>();
    CommandResult result =
        exec(
            List.of("/bin/sh", "-c", "chown -R " + owner + " " + shellQuote(path)),
            "root",
            OutputSink.into(lines, lines));
    if (result.exitStatus() != 0) {
      throw new UploadFailedException(
          "Failed to set owner of the uploaded file: exit status "
              + result.exitStatus()
              + ", "
              + String.join("\n", lines),
          null);
    }
  }

  @Override
  public void download(String remotePath, OutputStream out) throws IOException {
    String path = absolute(remotePath);
    // The archive holds a symbolic link as a link: follow it, as reading the file would.
    for (int hops = 0; hops < 40; hops++) {
      String link;
      try (InputStream archive = getArchive(path)) {
        link = TarStreams.extractSingle(archive, path, out);
      }
      if (link == null) {
        return;
      }
      path =
          link.startsWith("/")
              ? link
              : java.nio.file.Path.of(path).resolveSibling(link).normalize().toString();
    }
    throw new IOException(remotePath + ": too many levels of symbolic links");
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir) throws IOException {
    downloadDir(remoteDir, localDir, TransferProgress.none());
  }

  @Override
  public void downloadDir(String remoteDir, Path localDir, TransferProgress progress)
      throws IOException {
    String path = absolute(remoteDir).replaceAll("(?<=.)/+$", "");
    Files.createDirectories(localDir);
    try (InputStream archive = getArchive(path)) {
      TarStreams.extractTree(archive, localDir, progress::transferred);
    }
  }

  private InputStream getArchive(String path) throws IOException {
    cancellation.throwIfCancelled();
    try {
      return docker.copyArchiveFromContainerCmd(target.containerId(), path).exec();
    } catch (NotFoundException e) {
      throw new IOException(path + ": no such file or directory in the container", e);
    } catch (RuntimeException e) {
      throw new IOException(
          "cannot download "
              + path
              + " from container "
              + target.shortId()
              + ": "
              + EngineErrors.describe(e),
          e);
    }
  }

  /** Container paths are relative to its root, as {@code docker cp} takes them. */
  private static String absolute(String path) {
    return path.startsWith("/") ? path : "/" + path;
  }

  private static String shellQuote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }

  @Override
  public String describe() {
    return "docker container " + target.shortId();
  }

  @Override
  public void close() {
    engine.close();
  }
}
