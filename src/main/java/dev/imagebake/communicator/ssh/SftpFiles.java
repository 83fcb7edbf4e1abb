package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.TransferProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RemoteResourceInfo;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * The sftp subsystem. Writes and reads are pipelined (many requests in flight per file), so a file
 * moves at close to wire speed.
 *
 * <p>Unlike Packer, missing destination directories are created (Packer fails with "file does not
 * exist"); otherwise the results match the scp rules: a directory uploaded without {@code
 * contentsOnly} goes inside an existing {@code remoteDir} and becomes a missing one.
 */
final class SftpFiles implements RemoteFiles {
  private static final int WRITES_IN_FLIGHT = 64;
  private static final int READS_IN_FLIGHT = 64;

  @Override
  public void upload(
      SSHClient client, Aborter abort, String remotePath, InputStream data, long size, int mode)
      throws IOException {
    if (remotePath.endsWith("/")) {
      throw new IOException("upload: the remote path must name a file: " + remotePath);
    }
    try (SFTPClient sftp = open(client, abort)) {
      mkdirs(sftp, ScpFiles.parent(remotePath));
      put(sftp, remotePath, data, size, mode);
    }
  }

  @Override
  public void uploadDir(
      SSHClient client,
      Aborter abort,
      String remoteDir,
      Path localDir,
      boolean contentsOnly,
      TransferProgress progress)
      throws IOException {
    if (!Files.isDirectory(localDir)) {
      throw new IOException(localDir + ": not a directory");
    }
    try (SFTPClient sftp = open(client, abort)) {
      String target = remoteDir;
      if (!contentsOnly && isDirectory(sftp, remoteDir) && localDir.getFileName() != null) {
        target = join(remoteDir, localDir.getFileName().toString());
      }
      mkdirs(sftp, target);
      putTree(sftp, localDir, target, progress);
    }
  }

  private static void putTree(
      SFTPClient sftp, Path localDir, String remoteDir, TransferProgress progress)
      throws IOException {
    for (Path entry : entries(localDir)) {
      String remote = join(remoteDir, entry.getFileName().toString());
      // Like scp, follow symlinks and skip special files.
      if (Files.isDirectory(entry)) {
        if (!isDirectory(sftp, remote)) {
          sftp.mkdir(remote);
        }
        putTree(sftp, entry, remote, progress);
      } else if (Files.isRegularFile(entry)) {
        try (InputStream in = Files.newInputStream(entry)) {
          put(sftp, remote, progress.counting(in), Files.size(entry), mode(entry));
        }
      }
    }
  }

  private static void put(SFTPClient sftp, String remotePath, InputStream data, long size, int mode)
      throws IOException {
    Set<OpenMode> flags = EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.TRUNC);
    FileAttributes attrs = new FileAttributes.Builder().withPermissions(mode).build();
    try (RemoteFile file = sftp.open(remotePath, flags, attrs)) {
      int chunk =
          sftp.getSFTPEngine().getSubsystem().getRemoteMaxPacketSize()
              - file.getOutgoingPacketOverhead();
      byte[] buffer = new byte[Math.max(4096, Math.min(chunk, ScpFiles.BUFFER))];
      try (OutputStream out = file.new RemoteFileOutputStream(0, WRITES_IN_FLIGHT)) {
        long left = size;
        while (left > 0) {
          int n = data.readNBytes(buffer, 0, (int) Math.min(buffer.length, left));
          if (n == 0) {
            throw new IOException(
                "upload of "
                    + remotePath
                    + ": the data ended after "
                    + (size - left)
                    + " of "
                    + size
                    + " bytes");
          }
          out.write(buffer, 0, n);
          left -= n;
        }
      }
      // The server applies its umask on creation; set the bits asked for.
      file.setAttributes(new FileAttributes.Builder().withPermissions(mode).build());
    }
  }

  @Override
  public void download(SSHClient client, Aborter abort, String remotePath, OutputStream out)
      throws IOException {
    try (SFTPClient sftp = open(client, abort)) {
      get(sftp, remotePath, out);
    }
  }

  private static void get(SFTPClient sftp, String remotePath, OutputStream out) throws IOException {
    try (RemoteFile file = sftp.open(remotePath, EnumSet.of(OpenMode.READ));
        InputStream in = file.new ReadAheadRemoteFileInputStream(READS_IN_FLIGHT)) {
      in.transferTo(out);
    }
  }

  @Override
  public void downloadDir(
      SSHClient client, Aborter abort, String remoteDir, Path localDir, TransferProgress progress)
      throws IOException {
    try (SFTPClient sftp = open(client, abort)) {
      String trimmed = remoteDir.replaceAll("/+$", "");
      String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      Path target = name.isEmpty() ? localDir : localDir.resolve(name);
      Files.createDirectories(target);
      getTree(sftp, trimmed.isEmpty() ? "/" : trimmed, target, progress);
    }
  }

  private static void getTree(
      SFTPClient sftp, String remoteDir, Path localDir, TransferProgress progress)
      throws IOException {
    List<RemoteResourceInfo> children = sftp.ls(remoteDir);
    for (RemoteResourceInfo child : children) {
      String name = child.getName();
      if (name.equals(".") || name.equals("..") || name.contains("/")) {
        continue;
      }
      Path local = localDir.resolve(name);
      if (child.isDirectory()) {
        Files.createDirectories(local);
        getTree(sftp, child.getPath(), local, progress);
      } else if (child.isRegularFile()) {
        try (OutputStream out = Files.newOutputStream(local)) {
          get(sftp, child.getPath(), progress.counting(out));
        }
        try {
          Files.setPosixFilePermissions(
              local,
              Modes.toPermissions(
                  Modes.local(child.getAttributes().getMode().getPermissionsMask())));
        } catch (IOException | UnsupportedOperationException ignored) {
          // Best effort, as for scp.
        }
      }
    }
  }

  private static SFTPClient open(SSHClient client, Aborter abort) throws IOException {
    SFTPClient sftp = client.newSFTPClient();
    abort.set(sftp);
    return sftp;
  }

  private static void mkdirs(SFTPClient sftp, String dir) throws IOException {
    if (dir.equals("/") || dir.equals(".") || dir.isEmpty() || isDirectory(sftp, dir)) {
      return;
    }
    sftp.mkdirs(dir);
  }

  private static boolean isDirectory(SFTPClient sftp, String path) throws IOException {
    FileAttributes attrs = sftp.statExistence(path);
    return attrs != null && attrs.getType() == FileMode.Type.DIRECTORY;
  }

  private static String join(String dir, String name) {
    return dir.endsWith("/") ? dir + name : dir + "/" + name;
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  private static int mode(Path path) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      return Modes.fromPermissions(perms);
    } catch (IOException | UnsupportedOperationException e) {
      return 0644;
    }
  }
}
