package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.Ui;
import dev.imagebake.sdk.io.ParallelGzip;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes a box: a tar of the entries (GNU long names, GNU/star base-256 sizes beyond 8 GiB, as
 * Packer's Go tar writes), gzipped unless the level is 0. Files are streamed from where they are.
 * The box appears only when complete: it is written to a hidden sibling and renamed, and the
 * sibling is removed when writing fails or the build is cancelled.
 */
final class BoxWriter {
  private static final int BUFFER_SIZE = 1 << 20;

  private final int level;
  private final Cancellation cancellation;
  private final Ui ui;

  /**
   * @param level 0 for a plain tar, 1–9 for gzip
   */
  BoxWriter(int level, Cancellation cancellation, Ui ui) {
    this.level = level;
    this.cancellation = cancellation;
    this.ui = ui;
  }

  void write(Path box, Collection<BoxEntry> entries) throws IOException {
    Path parent = box.toAbsolutePath().getParent();
    Files.createDirectories(
        parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path partial = parent.resolve("." + box.getFileName() + ".partial");
    Files.deleteIfExists(partial); // left by a killed run
    // CREATE_NEW: 0666 less the umask, as Packer's os.Create.
    OutputStream raw = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW);
    boolean complete = false;
    try {
      OutputStream file = new BufferedOutputStream(raw, BUFFER_SIZE);
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed(file))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
        Owner owner = Owner.of(partial);
        byte[] buffer = new byte[BUFFER_SIZE];
        for (BoxEntry entry : entries) {
          cancellation.throwIfCancelled();
          ui.message("Compressing: " + entry.name());
          if (entry instanceof BoxEntry.FileEntry f) {
            copy(tar, f, buffer);
          } else if (entry instanceof BoxEntry.TextEntry t) {
            text(tar, t, owner);
          }
        }
        tar.finish();
      }
      Files.move(partial, box, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      complete = true;
    } finally {
      if (!complete) {
        try {
          raw.close(); // closing the tar of an unfinished entry may not get this far
        } catch (IOException e) {
          // the write already failed; that failure is the one to report
        }
        Files.deleteIfExists(partial);
      }
    }
  }

  private OutputStream compressed(OutputStream file) throws IOException {
    if (level == 0) {
      return file;
    }
    return ParallelGzip.open(file, level);
  }

  private void copy(TarArchiveOutputStream tar, BoxEntry.FileEntry f, byte[] buffer)
      throws IOException {
    TarArchiveEntry header = new TarArchiveEntry(f.source(), f.name());
    try (InputStream in = Files.newInputStream(f.source())) {
      tar.putArchiveEntry(header);
      long left = header.getSize();
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        cancellation.throwIfCancelled();
        tar.write(buffer, 0, n);
        left -= n;
      }
      if (left > 0) {
        throw new IOException(f.source() + " shrank while it was being added to the box");
      }
      tar.closeArchiveEntry();
    }
  }

  private static void text(TarArchiveOutputStream tar, BoxEntry.TextEntry t, Owner owner)
      throws IOException {
    byte[] bytes = t.bytes();
    TarArchiveEntry header = new TarArchiveEntry(t.name());
    header.setSize(bytes.length);
    header.setMode(0100644);
    header.setModTime(Date.from(Instant.now()));
    header.setUserId(owner.uid());
    header.setGroupId(owner.gid());
    header.setUserName(owner.user());
    header.setGroupName(owner.group());
    tar.putArchiveEntry(header);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  /** Who generated files belong to: whoever owns the box being written (this process). */
  private record Owner(long uid, long gid, String user, String group) {
    static Owner of(Path file) throws IOException {
      return new Owner(
          ((Number) Files.getAttribute(file, "unix:uid")).longValue(),
          ((Number) Files.getAttribute(file, "unix:gid")).longValue(),
          Files.getOwner(file).getName(),
          Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class)
              .group()
              .getName());
    }
  }
}
