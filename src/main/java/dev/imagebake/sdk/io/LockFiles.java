package dev.imagebake.sdk.io;

import dev.imagebake.sdk.Cancellation;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lock files that serialise writers of one file (the manifest post-processor's output, the
 * registry's first migration): threads of this process through an in-process lock per lock file,
 * other processes through an OS lock on the lock file, which is removed when the lock is released
 * (as Packer does for its manifest), so that no lock file outlives the run.
 *
 * <p>Removing a lock file others may have open is safe with the unlink-and-recheck protocol: a
 * holder deletes the file only while it still holds the lock on it; a taker, once it holds the lock
 * on the file it opened, checks that this file is still the one at the path, and otherwise (it was
 * deleted, perhaps replaced, while the taker waited) starts again. Java has no {@code fstat}, so
 * the check compares the path with the locked descriptor's entry in {@code /proc/self/fd}.
 *
 * <p>The in-process lock is JVM-wide (static), keyed by the lock file's real path: the JVM holds OS
 * locks per process, so a second channel of this process on the same file would get {@link
 * java.nio.channels.OverlappingFileLockException} instead of waiting, and closing it would drop the
 * first one's lock. With the in-process lock held, this process has at most one channel open on a
 * lock file.
 */
public final class LockFiles {
  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
  private static final Path PROC_FDS = Path.of("/proc/self/fd");

  /**
   * Waits until this caller alone holds {@code path}, a lock file in a directory that exists
   * (created when missing, deleted on release).
   */
  public Held acquire(Path path, Cancellation cancellation) throws IOException {
    Path abs = path.toAbsolutePath().normalize();
    Path lockFile = abs.getParent().toRealPath().resolve(abs.getFileName().toString());
    ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
    local.lock();
    try {
      while (true) {
        cancellation.throwIfCancelled();
        FileChannel channel = lockedChannel(lockFile, cancellation);
        if (stillAtPath(lockFile)) {
          return new Held(local, lockFile, channel);
        }
        channel.close(); // it was deleted (and maybe replaced) while we waited: start again
      }
    } catch (IOException | RuntimeException e) {
      local.unlock();
      throw e;
    }
  }

  /** Opens (creating) the lock file and waits for its OS lock; cancelling ends the wait. */
  private static FileChannel lockedChannel(Path lockFile, Cancellation cancellation)
      throws IOException {
    FileChannel channel =
        FileChannel.open(
            lockFile,
            Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-r--")));
    try (AutoCloseable stop = cancellation.onCancel(() -> closeQuietly(channel))) {
      channel.lock();
      return channel;
    } catch (ClosedChannelException e) {
      cancellation.throwIfCancelled();
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw e;
    } catch (Exception e) {
      closeQuietly(channel);
      throw new IOException(e);
    }
  }

  /**
   * Whether the file this process holds open under {@code lockFile}'s name is still the one at that
   * path. Read through {@code /proc/self/fd} with readlink and stat only: opening the lock file
   * again and closing it would drop the lock (POSIX locks belong to the process and go with any of
   * its descriptors of the file). The in-process lock makes our channel this process's only
   * descriptor of a file of that name. Without {@code /proc} (not Linux) it answers true and the
   * lock file is kept instead (see {@link Held#close}).
   */
  private static boolean stillAtPath(Path lockFile) throws IOException {
    if (!Files.isDirectory(PROC_FDS)) {
      return true;
    }
    String name = lockFile.toString();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC_FDS)) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue; // closed meanwhile by another thread: not ours, which stays open
        }
        if (target.equals(name + " (deleted)")) {
          return false;
        }
        if (target.equals(name)) {
          try {
            return Files.isSameFile(fd, lockFile);
          } catch (NoSuchFileException e) {
            return false;
          }
        }
      }
    }
    throw new IOException("lock file " + lockFile + " is not among this process's open files");
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing releases the lock; nothing else to undo.
    }
  }

  /** A held lock; closing deletes the lock file and releases the lock. */
  public static final class Held implements AutoCloseable {
    private final ReentrantLock local;
    private final Path lockFile;
    private final FileChannel channel;

    private Held(ReentrantLock local, Path lockFile, FileChannel channel) {
      this.local = local;
      this.lockFile = lockFile;
      this.channel = channel;
    }

    @Override
    public void close() throws IOException {
      try {
        // Deleted while still locked: a taker waiting on this file then finds it gone. Without
        // /proc a taker could not tell, so there the file stays.
        if (Files.isDirectory(PROC_FDS)) {
          Files.deleteIfExists(lockFile);
        }
      } finally {
        try {
          channel.close();
        } finally {
          local.unlock();
        }
      }
    }
  }
}
