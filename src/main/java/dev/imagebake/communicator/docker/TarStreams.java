package dev.imagebake.communicator.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar streams the engine's archive endpoints take and give. A stream written for an upload is
 * produced on a thread of its own as the engine reads it, so a large file never sits in memory.
 * Entries are owned by root (uid 0), which is what the engine gives extracted files anyway.
 */
final class TarStreams {
  private static final int PIPE_BUFFER = 256 * 1024;

  private TarStreams() {}

  /** What writes the entries of one archive. */
  interface Writer {
    void write(TarArchiveOutputStream tar) throws IOException;
  }

  /** A running producer: read {@link #in()}, then call {@link #finish()} for its error. */
  static final class Produced {
    private final PipedInputStream in;
    private final Thread thread;
    private final AtomicReference<IOException> error;

    private Produced(PipedInputStream in, Thread thread, AtomicReference<IOException> error) {
      this.in = in;
      this.thread = thread;
      this.error = error;
    }

    InputStream in() {
      return in;
    }

    /** Stops the producer early (the request was abandoned). */
    void abort() {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing a pipe does not fail
      }
      thread.interrupt();
    }

    /** Waits for the producer and rethrows what it failed with (a local file unreadable). */
    void finish() throws IOException {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      if (error.get() != null) {
        throw error.get();
      }
    }
  }

  static Produced produce(String what, Writer writer) throws IOException {
    PipedInputStream in = new PipedInputStream(PIPE_BUFFER);
    PipedOutputStream out = new PipedOutputStream(in);
    AtomicReference<IOException> error = new AtomicReference<>();
    Thread thread =
        new Thread(
            () -> {
              try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                writer.write(tar);
                tar.finish();
              } catch (IOException e) {
                error.set(e);
              }
            },
            "docker tar " + what);
    thread.setDaemon(true);
    thread.start();
    return new Produced(in, thread, error);
  }

  /** One file {@code name} of {@code size} bytes from {@code data}. */
  static void writeFile(
      TarArchiveOutputStream tar, String name, InputStream data, long size, int mode)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(size);
    entry.setMode(0100000 | (mode & 07777));
    root(entry);
    tar.putArchiveEntry(entry);
    long copied = copy(data, tar, size);
    if (copied != size) {
      throw new IOException("the file ended after " + copied + " of " + size + " bytes");
    }
    tar.closeArchiveEntry();
  }

  /**
   * Directory entries for each part of {@code prefix} (e.g. {@code opt/app} gives {@code opt/} and
   * {@code opt/app/}), so the engine creates what is missing.
   */
  static void writeParents(TarArchiveOutputStream tar, String prefix, int mode) throws IOException {
    StringBuilder path = new StringBuilder();
    for (String part : prefix.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      path.append(part).append('/');
      TarArchiveEntry dir = new TarArchiveEntry(path.toString());
      dir.setMode(040000 | mode);
      root(dir);
      tar.putArchiveEntry(dir);
      tar.closeArchiveEntry();
    }
  }

  /**
   * The tree under {@code local}, named {@code prefix/<relative path>} ({@code prefix} may be
   * empty: the contents at the top), with each file's permission bits; symbolic links stay links.
   *
   * @param progress told the bytes of each file once written
   */
  static void writeTree(
      TarArchiveOutputStream tar,
      Path local,
      String prefix,
      java.util.function.LongConsumer progress)
      throws IOException {
    List<Path> paths = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(local)) {
      walk.forEach(paths::add);
    }
    for (Path p : paths) {
      String rel = local.relativize(p).toString().replace('\\', '/');
      String name = prefix.isEmpty() ? rel : rel.isEmpty() ? prefix : prefix + "/" + rel;
      if (name.isEmpty()) {
        continue;
      }
      if (Files.isSymbolicLink(p)) {
        TarArchiveEntry link = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(Files.readSymbolicLink(p).toString());
        root(link);
        tar.putArchiveEntry(link);
        tar.closeArchiveEntry();
      } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        TarArchiveEntry dir = new TarArchiveEntry(name + "/");
        dir.setMode(040000 | mode(p));
        root(dir);
        tar.putArchiveEntry(dir);
        tar.closeArchiveEntry();
      } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        long size = Files.size(p);
        try (InputStream data = Files.newInputStream(p)) {
          writeFile(tar, name, data, size, mode(p));
        }
        progress.accept(size);
      }
    }
  }

  /**
   * Copies the first entry of a tar stream (a single file) into {@code out}.
   *
   * @return the link's target when the entry is a symbolic link (nothing was copied), else null
   */
  static String extractSingle(InputStream archive, String remotePath, OutputStream out)
      throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(archive);
    TarArchiveEntry entry = tar.getNextEntry();
    if (entry == null) {
      throw new IOException("the engine sent an empty archive for " + remotePath);
    }
    if (entry.isDirectory()) {
      throw new IOException(remotePath + " is a directory, not a file");
    }
    if (entry.isSymbolicLink()) {
      return entry.getLinkName();
    }
    tar.transferTo(out);
    return null;
  }

  /** Extracts a tar stream under {@code localDir}; refuses entries that would land outside it. */
  static void extractTree(
      InputStream archive, Path localDir, java.util.function.LongConsumer progress)
      throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(archive);
    Path root = localDir.toAbsolutePath().normalize();
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      Path target = root.resolve(entry.getName()).normalize();
      if (!target.startsWith(root)) {
        throw new IOException("refusing archive entry outside the target: " + entry.getName());
      }
      if (entry.isDirectory()) {
        Files.createDirectories(target);
        setMode(target, entry.getMode());
      } else if (entry.isSymbolicLink()) {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
      } else if (entry.isFile()) {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          progress.accept(tar.transferTo(out));
        }
        setMode(target, entry.getMode());
      }
    }
  }

  private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    while (total < limit) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
      if (n < 0) {
        break;
      }
      out.write(buffer, 0, n);
      total += n;
    }
    return total;
  }

  private static void root(TarArchiveEntry entry) {
    entry.setUserId(0);
    entry.setGroupId(0);
    entry.setUserName("root");
    entry.setGroupName("root");
  }

  private static int mode(Path p) throws IOException {
    int mode = 0;
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    for (PosixFilePermission perm : perms) {
      mode |= 1 << (8 - perm.ordinal());
    }
    return mode;
  }

  private static void setMode(Path p, int mode) throws IOException {
    Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission perm : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - perm.ordinal()))) != 0) {
        perms.add(perm);
      }
    }
    Files.setPosixFilePermissions(p, perms);
  }
}
