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
 * path, and other processes through an OS lock on {@code <output>.lock}.
 *
 * <p>The OS lock alone is not enough: the JVM holds such locks per process, so a second thread
 * would get {@link OverlappingFileLockException} instead of waiting. Unlike Packer, the lock file
 * is left in place: deleting a lock file that another process may already have opened lets two
 * writers in.
 */
final class ManifestLocks {
  private static final Duration OVERLAP_RETRY = Duration.ofMillis(20);

  private final Map<Path, ReentrantLock> inProcess = new ConcurrentHashMap<>();

  /** Waits until this caller alone may read and write {@code output}. */
  Held acquire(Path output, Cancellation cancellation) throws IOException {
    Path key = output.toAbsolutePath().normalize();
    ReentrantLock local = inProcess.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    try {
      Path lockFile = key.resolveSibling(key.getFileName() + ".lock");
      FileChannel channel =
          FileChannel.open(
              lockFile,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-r--")));
      try {
        return new Held(local, channel, lockOs(channel, cancellation));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      local.unlock();
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
    private final FileChannel channel;
    private final FileLock fileLock;

    private Held(ReentrantLock local, FileChannel channel, FileLock fileLock) {
      this.local = local;
      this.channel = channel;
      this.fileLock = fileLock;
    }

    @Override
    public void close() throws IOException {
      try {
        fileLock.release();
        channel.close();
      } finally {
        local.unlock();
      }
    }
  }
}
