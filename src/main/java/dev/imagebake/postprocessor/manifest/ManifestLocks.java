package dev.imagebake.postprocessor.manifest;

import dev.imagebake.sdk.Cancellation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises writers of one manifest file: builds of this process through an in-process lock per
 * path, other processes through an OS lock on {@code <output>.lock}.
 *
 * <p>The OS lock alone is not enough: the JVM holds such locks per process, so a second thread
 * would get {@link OverlappingFileLockException} instead of waiting. Each lock file's channel is
 * opened once and never closed, because closing any channel of a file drops every OS lock this
 * process holds on it, including one taken through another {@code ManifestLocks}. For the same
 * reason the lock file is left in place (Packer deletes it): deleting a lock file that another
 * process has open lets two writers in.
 */
final class ManifestLocks {
  private static final Duration OVERLAP_RETRY = Duration.ofMillis(20);

  private final Map<Path, PathLock> locks = new ConcurrentHashMap<>();

  /** The in-process lock of one manifest and its lock file's channel, opened on first use. */
  private static final class PathLock {
    final ReentrantLock local = new ReentrantLock();
    FileChannel channel; // guarded by local
  }

  /** Waits until this caller alone may read and write {@code output}. */
  Held acquire(Path output, Cancellation cancellation) throws IOException {
    Path key = output.toAbsolutePath().normalize();
    PathLock pathLock = locks.computeIfAbsent(key, k -> new PathLock());
    pathLock.local.lock();
    try {
      if (pathLock.channel == null) {
        pathLock.channel =
            FileChannel.open(
                key.resolveSibling(key.getFileName() + ".lock"),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-r--")));
      }
      return new Held(pathLock.local, lockOs(pathLock.channel, cancellation));
    } catch (IOException | RuntimeException e) {
      pathLock.local.unlock();
      throw e;
    }
  }

  /**
   * Another {@code ManifestLocks} in this JVM (a second factory instance) shows up as an overlap,
   * not as a wait; poll until it is gone.
   */
  private static FileLock lockOs(FileChannel channel, Cancellation cancellation)
      throws IOException {
    while (true) {
      try {
        return channel.lock();
      } catch (OverlappingFileLockException e) {
        cancellation.sleep(OVERLAP_RETRY);
      }
    }
  }

  /** A held lock; closing releases it. */
  static final class Held implements AutoCloseable {
    private final ReentrantLock local;
    private final FileLock fileLock;

    private Held(ReentrantLock local, FileLock fileLock) {
      this.local = local;
      this.fileLock = fileLock;
    }

    @Override
    public void close() throws IOException {
      try {
        fileLock.release();
      } finally {
        local.unlock();
      }
    }
  }
}
