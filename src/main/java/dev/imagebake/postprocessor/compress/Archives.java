package dev.imagebake.postprocessor.compress;

import dev.imagebake.sdk.Cancellation;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Writes the input files into the output: as a tar or zip archive, or (single-file formats) as
 * plain bytes. Every copy checks the build's {@link Cancellation} between buffers.
 */
final class Archives {
  private static final int BUFFER = 1 << 20;

  private Archives() {}

  /**
   * An input file.
   *
   * @param name as the artifact lists it
   * @param path resolved against the working directory
   */
  record Input(Path name, Path path) {}

  /**
   * A tar as Packer writes it: GNU format, one regular-file entry per input named by its base name,
   * mode (permission bits), owner and group from the file, all times zero; no padding to a 10 KiB
   * record.
   */
  static void tar(List<Input> inputs, OutputStream out, Cancellation cancellation)
      throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out, 512);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
    for (Input input : inputs) {
      PosixFileAttributes attrs = Files.readAttributes(input.path(), PosixFileAttributes.class);
      Map<String, Object> unix = Files.readAttributes(input.path(), "unix:mode,uid,gid");
      if (!attrs.isRegularFile()) {
        throw new IOException(input.name() + " is not a regular file");
      }
      TarArchiveEntry entry = new TarArchiveEntry(baseName(input.name()), true);
      entry.setSize(attrs.size());
      entry.setMode((Integer) unix.get("mode") & 07777);
      entry.setUserId((Integer) unix.get("uid"));
      entry.setGroupId((Integer) unix.get("gid"));
      entry.setUserName(attrs.owner().getName());
      entry.setGroupName(attrs.group().getName());
      entry.setModTime(0);
      tar.putArchiveEntry(gnu(entry));
      copy(input.path(), attrs.size(), tar, cancellation);
      tar.closeArchiveEntry();
    }
    tar.finish();
    tar.close();
  }

  /**
   * The same entry with GNU tar's magic ({@code "ustar \0"}, as Go writes for Packer; Google
   * Cloud's image import accepts only that); commons-compress sets it only on its long-name
   * entries, so the header is written, patched and parsed back.
   */
  private static TarArchiveEntry gnu(TarArchiveEntry entry) throws IOException {
    byte[] header = new byte[512];
    // Star mode: sizes of 8 GiB and more in base-256, as GNU tar and Go write them.
    entry.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8), true);
    byte[] magic = "ustar  \0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, header, 257, magic.length);
    TarArchiveEntry gnu = new TarArchiveEntry(header);
    gnu.setName(entry.getName()); // the header field holds at most 100 bytes
    return gnu;
  }

  /**
   * A zip, one deflated entry per input named by its path as the artifact lists it (as Packer),
   * without a leading {@code /}; entries keep the file's mode and modification time (Packer stores
   * neither). Level 0 stores the entries. Zip64 where sizes need it.
   */
  static void zip(
      List<Input> inputs, SeekableByteChannel channel, int level, Cancellation cancellation)
      throws IOException {
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(channel)) {
      zip.setUseZip64(Zip64Mode.AsNeeded);
      zip.setLevel(level);
      for (Input input : inputs) {
        PosixFileAttributes attrs = Files.readAttributes(input.path(), PosixFileAttributes.class);
        Map<String, Object> unix = Files.readAttributes(input.path(), "unix:mode");
        String name = input.name().toString().replaceFirst("^/+", "");
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setMethod(level == 0 ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED);
        entry.setSize(attrs.size());
        entry.setUnixMode((Integer) unix.get("mode"));
        entry.setTime(attrs.lastModifiedTime().toMillis());
        zip.putArchiveEntry(entry);
        copy(input.path(), attrs.size(), zip, cancellation);
        zip.closeArchiveEntry();
      }
      zip.finish();
    }
  }

  /** Copies the whole of {@code file} (expected to hold {@code size} bytes) into {@code out}. */
  static void copy(Path file, long size, OutputStream out, Cancellation cancellation)
      throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] buffer = new byte[BUFFER];
      ByteBuffer wrapped = ByteBuffer.wrap(buffer);
      long left = size;
      while (left > 0) {
        cancellation.throwIfCancelled();
        wrapped.clear().limit((int) Math.min(BUFFER, left));
        int n = in.read(wrapped);
        if (n < 0) {
          throw new EOFException(file + " shrank while being compressed");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  static String baseName(Path name) {
    Path base = name.getFileName();
    return base == null ? name.toString() : base.toString();
  }
}
