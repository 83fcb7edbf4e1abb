package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.TransferProgress;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A directory upload as one tar stream into {@code tar -x} on the machine: one session and no round
 * trip per file, where {@code scp -rt} waits for an answer to every file (2,000 small files took
 * over a second). Used only where the result is the same as scp's, so callers fall back to scp when
 * this declines:
 *
 * <ul>
 *   <li>the machine has GNU tar (its options below give scp's results: new files and directories
 *       get the local mode less the umask, the modification time of now, the user as owner);
 *   <li>nothing exists yet where the tree goes (scp keeps the mode of files it overwrites and
 *       writes through symbolic links; tar would not), so an empty or new directory only.
 * </ul>
 *
 * The machine is asked before any data is sent; declining costs one round trip.
 */
final class TarUpload {
  private static final String TAR =
      "exec tar -x -m --no-same-owner --no-same-permissions --no-overwrite-dir -f -";

  private TarUpload() {}

  /**
   * Uploads like {@link ScpFiles#uploadDir}, or returns false (having changed nothing) when tar
   * cannot give the same result.
   */
  static boolean tryUpload(
      SSHClient client,
      RemoteFiles.Aborter abort,
      String remoteDir,
      Path localDir,
      boolean contentsOnly,
      TransferProgress progress)
      throws IOException {
    List<Entry> entries = list(localDir);
    String localName = localDir.getFileName() == null ? "" : localDir.getFileName().toString();
    String trimmed = remoteDir.replaceAll("(.)/+$", "$1");
    String remoteName = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    if (!contentsOnly && !plainName(localName)) {
      return false;
    }
    String marker = "imagebake-tar-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    String script = script(remoteDir, trimmed, localName, remoteName, contentsOnly, marker);
    Session session = client.startSession();
    abort.set(session);
    try (session) {
      Session.Command command = session.exec(script);
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      Thread errorReader = drain(command.getErrorStream(), errors);
      String answer = awaitMarker(command.getInputStream(), marker);
      if (answer == null) {
        return false;
      }
      String[] said = answer.split(" ");
      String where = said[0];
      String top =
          switch (where) {
            case "into" -> "";
            case "in" -> localName + "/";
            default -> remoteName + "/";
          };
      List<List<Entry>> parts = split(entries, streams(said.length > 1 ? said[1] : "1", entries));
      List<Extraction> streams = new ArrayList<>();
      streams.add(new Extraction(command, parts.get(0), errors, errorReader));
      List<Session> more = new ArrayList<>();
      try {
        for (List<Entry> part : parts.subList(1, parts.size())) {
          // The first session checked and chose where the tree goes; the others just go there.
          Session next = client.startSession();
          more.add(next);
          abort.set(() -> closeAll(session, more));
          String dir = where.equals("as") ? ScpFiles.parent(trimmed) : remoteDir;
          streams.add(
              Extraction.start(
                  next.exec("cd " + Shell.quotePath(dir) + " || exit 1\n" + TAR), part));
        }
        sendAll(localDir, top, streams, remoteDir, progress);
      } finally {
        more.forEach(TarUpload::closeQuietly);
      }
      return true;
    }
  }

  /** A {@code tar -x} on the machine, the part of the tree it receives, and what it says. */
  private record Extraction(
      Session.Command command,
      List<Entry> entries,
      ByteArrayOutputStream errors,
      Thread errorReader) {
    static Extraction start(Session.Command command, List<Entry> entries) {
      ByteArrayOutputStream errors = new ByteArrayOutputStream();
      return new Extraction(command, entries, errors, drain(command.getErrorStream(), errors));
    }
  }

  /**
   * Files per extra stream: creating a file costs the machine's file system far more than sending
   * it (0.5 ms each on our test machines' ext4, CPU-bound in the kernel), so a large tree is
   * extracted by several {@code tar} processes, one per CPU of the machine, up to four.
   */
  private static final int FILES_PER_STREAM = 256;

  private static final int MAX_STREAMS = 4;

  private static int streams(String machineCpus, List<Entry> entries) {
    int cpus;
    try {
      cpus = Integer.parseInt(machineCpus.strip());
    } catch (NumberFormatException e) {
      cpus = 1;
    }
    long files = entries.stream().filter(e -> e.size() >= 0).count();
    return (int) Math.max(1, Math.min(Math.min(cpus, MAX_STREAMS), files / FILES_PER_STREAM));
  }

  /**
   * Splits the listing into {@code n} runs of about equal weight (a file weighs one plus one per 64
   * KiB), whole directories kept together where possible so that the streams rarely create files in
   * the same directory. Every part after the first starts with all directories listed before it, so
   * that its files' parents exist whichever stream gets there first ({@code tar} accepts a
   * directory that another created meanwhile).
   */
  static List<List<Entry>> split(List<Entry> entries, int n) {
    if (n <= 1) {
      return List.of(entries);
    }
    long total = entries.stream().mapToLong(TarUpload::weight).sum();
    List<List<Entry>> parts = new ArrayList<>();
    List<Entry> current = new ArrayList<>();
    List<Entry> directoriesSoFar = new ArrayList<>();
    long done = 0;
    for (Entry entry : entries) {
      boolean startNext =
          parts.size() < n - 1
              && entry.size() < 0
              && !current.isEmpty()
              && done >= total * (parts.size() + 1) / n;
      if (startNext) {
        parts.add(current);
        current = new ArrayList<>(directoriesSoFar);
      }
      current.add(entry);
      if (entry.size() < 0) {
        directoriesSoFar.add(entry);
      }
      done += weight(entry);
    }
    parts.add(current);
    return parts;
  }

  private static long weight(Entry entry) {
    return entry.size() < 0 ? 0 : 1 + entry.size() / 65536;
  }

  /** Sends every stream's part at once, then checks that every {@code tar} succeeded. */
  private static void sendAll(
      Path localDir,
      String top,
      List<Extraction> streams,
      String remoteDir,
      TransferProgress progress)
      throws IOException {
    List<Thread> senders = new ArrayList<>();
    IOException[] failures = new IOException[streams.size()];
    for (int i = 1; i < streams.size(); i++) {
      int index = i;
      Thread sender =
          new Thread(
              () -> failures[index] = sendQuietly(localDir, top, streams.get(index), progress),
              "tar-upload-" + i);
      sender.setDaemon(true);
      sender.start();
      senders.add(sender);
    }
    failures[0] = sendQuietly(localDir, top, streams.get(0), progress);
    for (Thread sender : senders) {
      try {
        sender.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while uploading", e);
      }
    }
    for (IOException failure : failures) {
      if (failure != null) {
        throw new IOException("tar -x in " + remoteDir + ": " + failure.getMessage(), failure);
      }
    }
  }

  /** Sends a stream's part; a failure is returned, since tar's status and message say more. */
  private static IOException sendQuietly(
      Path localDir, String top, Extraction stream, TransferProgress progress) {
    IOException failure = null;
    try {
      send(stream.command().getOutputStream(), localDir, top, stream.entries(), progress);
    } catch (IOException e) {
      failure = e;
    }
    try {
      stream.command().join(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    join(stream.errorReader());
    String said = stream.errors().toString(StandardCharsets.UTF_8).trim().replace('\n', ' ');
    Integer status = stream.command().getExitStatus();
    if (failure != null || status == null || status != 0) {
      return new IOException(
          (status == null ? "no exit status" : "Process exited with status " + status)
              + (said.isEmpty() ? "" : ": " + said),
          failure);
    }
    return null;
  }

  private static void closeAll(Session first, List<Session> more) {
    closeQuietly(first);
    more.forEach(TarUpload::closeQuietly);
  }

  private static void closeQuietly(Session session) {
    try {
      session.close();
    } catch (IOException | RuntimeException ignored) {
      // Closing a broken session: nothing left to do.
    }
  }

  /**
   * The shell text: checks the conditions, prints the marker and where the tree goes ({@code into}
   * the existing empty directory, {@code in} it as a new subdirectory, or {@code as} the new
   * directory), then becomes tar. Exits without the marker to decline.
   */
  private static String script(
      String remoteDir,
      String trimmed,
      String localName,
      String remoteName,
      boolean contentsOnly,
      String marker) {
    String dir = Shell.quotePath(remoteDir);
    StringBuilder s = new StringBuilder();
    s.append("tar --version 2>/dev/null | grep -q 'GNU tar' || exit 0\n");
    if (contentsOnly) {
      s.append("cd ").append(dir).append(" || exit 0\n");
      s.append("[ -z \"$(ls -A)\" ] || exit 0\n");
      s.append("where=into\n");
    } else {
      String parent = ScpFiles.parent(trimmed);
      s.append("if [ -d ").append(dir).append(" ]; then cd ").append(dir);
      s.append(" && where=in && n=").append(Shell.quote(localName));
      if (plainName(remoteName)) {
        s.append("; else cd ").append(Shell.quotePath(parent));
        s.append(" && where=as && n=").append(Shell.quote(remoteName));
      } else {
        s.append("; else exit 0");
      }
      s.append("; fi || exit 0\n");
      s.append("if [ -e \"$n\" ] || [ -L \"$n\" ]; then exit 0; fi\n");
    }
    s.append("echo ").append(marker).append(" $where $(nproc 2>/dev/null || echo 1)\n");
    return s.append(TAR).toString();
  }

  /** Reads stdout up to the marker line; returns the word after it, or null if it never came. */
  private static String awaitMarker(InputStream in, String marker) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int read = 0;
    int b;
    while ((b = in.read()) >= 0 && read++ < 64 * 1024) {
      if (b != '\n') {
        line.write(b);
        continue;
      }
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      int at = text.indexOf(marker + " ");
      if (at >= 0) {
        return text.substring(at + marker.length() + 1);
      }
      // Anything else is what the login shell's start-up files printed.
    }
    return null;
  }

  private static void send(
      OutputStream channel,
      Path localDir,
      String top,
      List<Entry> entries,
      TransferProgress progress)
      throws IOException {
    try (TarArchiveOutputStream tar =
        new TarArchiveOutputStream(new BufferedOutputStream(channel, ScpFiles.BUFFER))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      if (!top.isEmpty()) {
        tar.putArchiveEntry(directory(top, ScpFiles.mode(localDir, 0755)));
        tar.closeArchiveEntry();
      }
      for (Entry entry : entries) {
        if (entry.size() < 0) {
          tar.putArchiveEntry(directory(top + entry.name() + "/", entry.mode()));
          tar.closeArchiveEntry();
          continue;
        }
        TarArchiveEntry file = new TarArchiveEntry(top + entry.name(), true);
        file.setMode(entry.mode());
        try (InputStream in = progress.counting(Files.newInputStream(entry.path()))) {
          // The size read while collecting: a file that changes meanwhile fails here, as with scp.
          file.setSize(entry.size());
          tar.putArchiveEntry(file);
          long copied = in.transferTo(new Bounded(tar, entry.size()));
          if (copied != entry.size()) {
            throw new IOException(entry.path() + ": changed size while being uploaded");
          }
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  private static TarArchiveEntry directory(String name, int mode) {
    TarArchiveEntry dir = new TarArchiveEntry(name, true);
    dir.setMode(mode);
    return dir;
  }

  /** The tree under {@code dir} as scp sends it, each directory before what it holds. */
  static List<Entry> list(Path dir) throws IOException {
    List<Entry> entries = new ArrayList<>();
    collect(dir, "", entries);
    return entries;
  }

  /** Lists the tree as scp sends it: following symbolic links, skipping special files. */
  private static void collect(Path dir, String prefix, List<Entry> out) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted().toList();
    }
    for (Path child : children) {
      String name = prefix + child.getFileName();
      if (Files.isDirectory(child)) {
        out.add(new Entry(name, child, ScpFiles.mode(child, 0755), -1));
        collect(child, name + "/", out);
      } else if (Files.isRegularFile(child)) {
        out.add(new Entry(name, child, ScpFiles.mode(child, 0644), Files.size(child)));
      }
    }
  }

  private static boolean plainName(String name) {
    return !name.isEmpty() && !name.equals(".") && !name.equals("..") && !name.contains("/");
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream into) {
    Thread thread =
        new Thread(
            () -> {
              try {
                in.transferTo(into);
              } catch (IOException ignored) {
                // The exit status reports the failure.
              }
            },
            "tar-stderr");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void join(Thread thread) {
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A local file to send: its name in the tree, its mode, and its size (-1: a directory). */
  record Entry(String name, Path path, int mode, long size) {}

  /** Passes on at most {@code limit} bytes, so that a growing file cannot corrupt the stream. */
  private static final class Bounded extends OutputStream {
    private final OutputStream out;
    private long left;

    Bounded(OutputStream out, long limit) {
      this.out = out;
      this.left = limit;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len > left) {
        throw new IOException("a file grew while being uploaded");
      }
      out.write(b, off, len);
      left -= len;
    }
  }
}
