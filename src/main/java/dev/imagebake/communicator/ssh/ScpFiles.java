package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.TransferProgress;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * The scp protocol, spoken by this class as the local end of {@code scp -t} (upload) and {@code scp
 * -f} (download) run on the machine, with Packer's commands: a file goes to {@code scp -t dirname}
 * as {@code C<mode> <size> <basename>}, a tree to {@code scp -rt dir} as one stream.
 *
 * <p>A tree goes as one tar stream where that gives the same result ({@link TarUpload}). Otherwise
 * it costs one round trip per file, not two: acknowledgements of directory records and of file
 * contents are collected only before the next file's header must be confirmed (its data may only
 * follow a positive answer). Errors are therefore still reported at the first failing record.
 */
final class ScpFiles implements RemoteFiles {
  static final int BUFFER = 256 * 1024;

  @Override
  public void upload(
      SSHClient client, Aborter abort, String remotePath, InputStream data, long size, int mode)
      throws IOException {
    String dir = parent(remotePath);
    String name = remotePath.substring(remotePath.lastIndexOf('/') + 1);
    if (name.isEmpty()) {
      throw new IOException("upload: the remote path must name a file: " + remotePath);
    }
    try (Exchange scp = Exchange.start(client, abort, "scp -t " + Shell.quotePath(dir))) {
      scp.awaitAcks(1);
      scp.sendFile(name, mode, size, data);
      scp.finish();
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
    if (TarUpload.tryUpload(client, abort, remoteDir, localDir, contentsOnly, progress)) {
      return;
    }
    try (Exchange scp = Exchange.start(client, abort, "scp -rt " + Shell.quotePath(remoteDir))) {
      scp.awaitAcks(1);
      if (contentsOnly) {
        for (Path entry : entries(localDir)) {
          sendEntry(scp, entry, progress);
        }
      } else {
        sendEntry(scp, localDir, progress);
      }
      scp.finish();
    }
  }

  private static void sendEntry(Exchange scp, Path entry, TransferProgress progress)
      throws IOException {
    String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
    // Like Packer, follow symlinks: a link to a file is uploaded as a regular file.
    if (Files.isDirectory(entry)) {
      scp.sendLine(String.format("D%04o 0 %s", mode(entry, 0755), name));
      for (Path child : entries(entry)) {
        sendEntry(scp, child, progress);
      }
      scp.sendLine("E");
    } else if (Files.isRegularFile(entry)) {
      long size = Files.size(entry);
      try (InputStream in = Files.newInputStream(entry)) {
        scp.sendFile(name, mode(entry, 0644), size, progress.counting(in));
      }
    }
    // Sockets, fifos and dangling links are skipped, as scp does.
  }

  @Override
  public void download(SSHClient client, Aborter abort, String remotePath, OutputStream out)
      throws IOException {
    try (Exchange scp = Exchange.start(client, abort, "scp -f " + Shell.quotePath(remotePath))) {
      scp.ack();
      while (true) {
        Record record = scp.readRecord();
        if (record == null) {
          throw new IOException("scp: " + remotePath + ": no file received" + scp.stderr());
        }
        if (record.type() == 'T') {
          scp.ack();
          continue;
        }
        if (record.type() != 'C') {
          throw new IOException("scp: " + remotePath + ": not a regular file");
        }
        scp.ack();
        scp.receive(record.size(), out);
        scp.awaitAcks(1);
        scp.ack();
        break;
      }
      scp.finish();
    }
  }

  @Override
  public void downloadDir(
      SSHClient client, Aborter abort, String remoteDir, Path localDir, TransferProgress progress)
      throws IOException {
    Files.createDirectories(localDir);
    Deque<Path> dirs = new ArrayDeque<>();
    dirs.push(localDir);
    try (Exchange scp = Exchange.start(client, abort, "scp -rf " + Shell.quotePattern(remoteDir))) {
      scp.ack();
      Record record;
      while ((record = scp.readRecord()) != null) {
        switch (record.type()) {
          case 'C' -> {
            Path file = dirs.peek().resolve(safeName(record.name()));
            scp.ack();
            try (OutputStream out = Files.newOutputStream(file)) {
              scp.receive(record.size(), progress.counting(out));
            }
            setMode(file, record.mode());
            scp.awaitAcks(1);
            scp.ack();
          }
          case 'D' -> {
            Path dir = dirs.peek().resolve(safeName(record.name()));
            Files.createDirectories(dir);
            dirs.push(dir);
            scp.ack();
          }
          case 'E' -> {
            if (dirs.size() > 1) {
              dirs.pop();
            }
            scp.ack();
          }
          default -> scp.ack(); // 'T' (times): not kept, as in Packer.
        }
      }
      scp.finish();
    }
  }

  private static String safeName(String name) throws IOException {
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
      throw new IOException("scp: the server sent an invalid file name: " + name);
    }
    return name;
  }

  private static void setMode(Path file, int mode) {
    if (mode < 0) {
      return;
    }
    try {
      // The remote mode less the local umask: a machine cannot plant a world-writable file here.
      Files.setPosixFilePermissions(file, Modes.toPermissions(Modes.local(mode)));
    } catch (IOException | UnsupportedOperationException ignored) {
      // Permissions are best effort on the local side (e.g. on non-POSIX file systems).
    }
  }

  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.sorted().toList();
    }
  }

  static int mode(Path path, int fallback) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
      return Modes.fromPermissions(perms);
    } catch (IOException | UnsupportedOperationException e) {
      return fallback;
    }
  }

  /** Go's {@code filepath.Dir} on a remote path, as Packer uses it. */
  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return ".";
    }
    if (slash == 0) {
      return "/";
    }
    return path.substring(0, slash);
  }

  /** A control record: {@code C0644 12 name}, {@code D0755 0 name}, {@code E}, {@code T...}. */
  private record Record(char type, int mode, long size, String name) {}

  /** One scp process on the machine and the protocol state of talking to it. */
  private static final class Exchange implements AutoCloseable {
    private final Session session;
    private final Session.Command command;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
    private final Thread errorReader;
    private final String commandLine;
    private int pendingAcks;

    private Exchange(Session session, Session.Command command, String commandLine) {
      this.session = session;
      this.command = command;
      this.commandLine = commandLine;
      this.in = new BufferedInputStream(command.getInputStream(), BUFFER);
      this.out = new BufferedOutputStream(command.getOutputStream(), BUFFER);
      InputStream stderr = command.getErrorStream();
      this.errorReader =
          new Thread(
              () -> {
                try {
                  stderr.transferTo(errors);
                } catch (IOException ignored) {
                  // The main stream reports the failure.
                }
              },
              "scp-stderr");
      errorReader.setDaemon(true);
      errorReader.start();
    }

    static Exchange start(SSHClient client, Aborter abort, String commandLine) throws IOException {
      Session session = client.startSession();
      abort.set(session);
      try {
        return new Exchange(session, session.exec(commandLine), commandLine);
      } catch (IOException | RuntimeException e) {
        session.close();
        throw e;
      }
    }

    void sendLine(String line) throws IOException {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      // The answer to a directory record or end-of-directory is read later (see class comment).
      pendingAcks++;
    }

    void sendFile(String name, int mode, long size, InputStream data) throws IOException {
      out.write(
          String.format("C%04o %d %s\n", mode & 07777, size, name)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      awaitAcks(pendingAcks + 1);
      byte[] buffer = new byte[BUFFER];
      long left = size;
      while (left > 0) {
        int n = data.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException(
              "upload of "
                  + name
                  + ": the data ended after "
                  + (size - left)
                  + " of "
                  + size
                  + " bytes");
        }
        out.write(buffer, 0, n);
        left -= n;
      }
      out.write(0);
      pendingAcks++;
    }

    void receive(long size, OutputStream target) throws IOException {
      byte[] buffer = new byte[BUFFER];
      long left = size;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException(
              "scp: connection ended after " + (size - left) + " of " + size + " bytes");
        }
        target.write(buffer, 0, n);
        left -= n;
      }
    }

    /** Sends a positive answer. */
    void ack() throws IOException {
      out.write(0);
      out.flush();
    }

    /** Reads {@code count} answers; the first error answer fails with the server's message. */
    void awaitAcks(int count) throws IOException {
      if (count == 0) {
        return; // nothing to flush for: a sending scp may already have closed the channel
      }
      out.flush();
      for (int i = 0; i < count; i++) {
        int b = in.read();
        if (b == 0) {
          continue;
        }
        if (b < 0) {
          throw new IOException(commandLine + ": the connection ended unexpectedly" + stderr());
        }
        String message = readLine();
        if (b == 1 || b == 2) {
          throw new IOException(message.isEmpty() ? commandLine + " failed" : message);
        }
        throw new IOException(commandLine + ": unexpected answer: " + (char) b + message);
      }
      pendingAcks = 0;
    }

    /** Reads the next record, or null at the end of the stream. */
    Record readRecord() throws IOException {
      int type = in.read();
      if (type < 0) {
        return null;
      }
      String line = readLine();
      switch (type) {
        case 1, 2 -> throw new IOException(line);
        case 'E', 'T' -> {
          return new Record((char) type, -1, 0, "");
        }
        case 'C', 'D' -> {
          String[] parts = line.split(" ", 3);
          if (parts.length != 3) {
            throw new IOException("scp: malformed record: " + (char) type + line);
          }
          try {
            return new Record(
                (char) type, Integer.parseInt(parts[0], 8), Long.parseLong(parts[1]), parts[2]);
          } catch (NumberFormatException e) {
            throw new IOException("scp: malformed record: " + (char) type + line, e);
          }
        }
        default -> throw new IOException("scp: unexpected record: " + (char) type + line);
      }
    }

    private String readLine() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        line.write(b);
      }
      return line.toString(StandardCharsets.UTF_8);
    }

    /** Ends the stream, checking the remaining answers and the exit status. */
    void finish() throws IOException {
      awaitAcks(pendingAcks);
      try {
        out.close();
      } catch (IOException e) {
        // A sending scp closes the channel when done; its exit status below is what counts.
      }
      command.join(30, TimeUnit.SECONDS);
      Integer status = command.getExitStatus();
      if (status != null && status != 0) {
        throw new IOException(commandLine + ": Process exited with status " + status + stderr());
      }
    }

    String stderr() {
      try {
        errorReader.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String text;
      synchronized (errors) {
        text = errors.toString(StandardCharsets.UTF_8).trim();
      }
      return text.isEmpty() ? "" : ": " + text.replace('\n', ' ');
    }

    @Override
    public void close() throws IOException {
      session.close();
    }
  }
}
