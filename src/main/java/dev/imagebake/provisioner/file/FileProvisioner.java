package dev.imagebake.provisioner.file;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.TransferProgress;
import dev.imagebake.sdk.Ui;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Transfers files between this host and the machine, as Packer's {@code file} provisioner does
 * (reference §6.3, §4.5), through {@link Communicator} only.
 *
 * <p>imagebake differences: a destination ending in {@code /} and the destination of a directory
 * uploaded with a trailing slash are created on the machine when missing ({@code mkdir -p}; Packer
 * leaves this undefined and scp then writes a file or fails); every download source is handled
 * (Packer stops after the first directory download, and appends each file name to the destination
 * of the next source). Every transfer reports its bytes to {@link Ui#transfer}, which shows a
 * progress line on a terminal (a tree's total is the sum of its file sizes; a download's is
 * unknown).
 */
final class FileProvisioner implements Provisioner {
  /** The file name a {@code content} upload gets in a destination directory (Packer 1.7). */
  static final String CONTENT_FILE_NAME = "pkr-file-content";

  private static final Set<PosixFilePermission> DOWNLOADED_FILE_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final int DEFAULT_UPLOAD_MODE = 0644;

  private final FileProvisionerConfig config;

  FileProvisioner(FileProvisionerConfig config) {
    this.config = config;
  }

  @Override
  public void provision(BuildContext ctx, Communicator comm, Map<String, String> buildData)
      throws Exception {
    Map<String, String> data = buildData == null ? Map.of() : buildData;
    String dst = render(ctx, config.destination(), data, "destination");
    RemoteDirectories dirs = new RemoteDirectories(comm);
    if (config.hasContent()) {
      uploadContent(ctx, comm, dirs, dst);
      return;
    }
    for (String rawSource : config.allSources()) {
      ctx.cancellation().throwIfCancelled();
      String src = render(ctx, rawSource, data, "source");
      if (config.isDownload()) {
        download(ctx, comm, src, dst);
      } else {
        upload(ctx, comm, dirs, src, dst);
      }
    }
  }

  private static String render(
      BuildContext ctx, String template, Map<String, String> data, String what) {
    try {
      // Packer's provisioner template data is the build's generated data: {{.ID}} and
      // {{build `ID`}} both work.
      return ctx.renderer().render(template, data, data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Error interpolating " + what + ": " + e.getMessage(), e);
    }
  }

  private void upload(
      BuildContext ctx, Communicator comm, RemoteDirectories dirs, String src, String dst)
      throws IOException {
    Ui ui = ctx.ui();
    ui.say("Uploading " + src + " => " + dst);
    Path local = ctx.localPath(src);
    if (!Files.exists(local)) {
      throw new NoSuchFileException("stat " + src + ": no such file or directory");
    }
    try {
      if (Files.isDirectory(local)) {
        // The Path has lost the trailing slash, so the rule travels as a flag.
        boolean contentsOnly = src.endsWith("/");
        if (contentsOnly) {
          dirs.ensure(dst);
        }
        try (TransferProgress progress = ui.transfer(treeSize(local))) {
          comm.uploadDir(dst, local, contentsOnly, progress);
        }
        return;
      }
      String fileDst = dst;
      if (dst.endsWith("/")) {
        dirs.ensure(dst);
        fileDst = dst + RemotePaths.base(src);
      }
      long size = Files.size(local);
      try (InputStream in = Files.newInputStream(local);
          TransferProgress progress = ui.transfer(size)) {
        comm.upload(fileDst, progress.counting(in), size, modeOf(local));
      }
    } catch (IOException e) {
      reportUploadFailure(ui, e);
      throw e;
    }
  }

  private void uploadContent(
      BuildContext ctx, Communicator comm, RemoteDirectories dirs, String dst) throws IOException {
    String fileDst = dst;
    ctx.ui().say("Uploading content => " + dst);
    byte[] bytes = config.content().getBytes(StandardCharsets.UTF_8);
    try {
      if (dst.endsWith("/")) {
        dirs.ensure(dst);
        fileDst = dst + CONTENT_FILE_NAME;
      }
      comm.upload(fileDst, new ByteArrayInputStream(bytes), bytes.length, DEFAULT_UPLOAD_MODE);
    } catch (IOException e) {
      reportUploadFailure(ctx.ui(), e);
      throw e;
    }
  }

  private static void reportUploadFailure(Ui ui, IOException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Error restoring file")) {
      ui.error(
          "Upload failed: "
              + message
              + "; this can occur when your file destination is a folder without a trailing"
              + " slash.");
    }
    ui.error("Upload failed: " + message);
  }

  private void download(BuildContext ctx, Communicator comm, String src, String dst)
      throws IOException {
    Ui ui = ctx.ui();
    ui.say("Downloading " + src + " => " + dst);
    String target = dst;
    String dir;
    if (!dst.endsWith("/")) {
      dir = parent(dst);
    } else {
      dir = dst;
      if (!src.endsWith("/") && !src.endsWith("*")) {
        target = dst + RemotePaths.base(src);
      }
    }
    if (!dir.isEmpty()) {
      Files.createDirectories(ctx.localPath(dir));
    }
    Path localTarget = ctx.localPath(target);
    try {
      if (src.endsWith("/") || RemotePaths.isPattern(src)) {
        try (TransferProgress progress = ui.transfer(-1)) {
          comm.downloadDir(src, localTarget, progress);
        }
        return;
      }
      try (OutputStream out = openForDownload(localTarget);
          TransferProgress progress = ui.transfer(-1)) {
        comm.download(src, progress.counting(out));
      }
    } catch (IOException e) {
      ui.error("Download failed: " + e.getMessage());
      throw e;
    }
  }

  /** Truncates or creates the file with 0644 (less the umask), as Packer does. */
  private static OutputStream openForDownload(Path file) throws IOException {
    return Channels.newOutputStream(
        Files.newByteChannel(
            file,
            EnumSet.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING),
            PosixFilePermissions.asFileAttribute(DOWNLOADED_FILE_MODE)));
  }

  /**
   * The bytes of the regular files in a tree, links followed as the upload follows them; -1 when
   * the tree cannot be read whole (the upload then reports the problem).
   */
  private static long treeSize(Path dir) {
    try (Stream<Path> files = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      return files.filter(Files::isRegularFile).mapToLong(FileProvisioner::sizeOf).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** scp sends the local file's permission bits. */
  private static int modeOf(Path local) {
    try {
      int mode = 0;
      for (PosixFilePermission p : Files.getPosixFilePermissions(local)) {
        mode |= 1 << (8 - p.ordinal());
      }
      return mode;
    } catch (IOException | UnsupportedOperationException e) {
      return DEFAULT_UPLOAD_MODE;
    }
  }

  /** Go's {@code filepath.Dir} for the directory the download lands in ({@code .} when none). */
  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    if (slash == 0) {
      return "/";
    }
    return path.substring(0, slash);
  }
}
