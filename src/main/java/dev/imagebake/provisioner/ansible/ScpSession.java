package dev.imagebake.provisioner.ansible;

import dev.imagebake.sdk.Communicator;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The remote end of one legacy-protocol {@code scp} run by Ansible (Packer's adapter {@code
 * scp.go}): {@code scp -t <file>} receives one file and writes it with the communicator's upload;
 * {@code scp -f <file>} sends one file read with its download. Ansible transfers single files only,
 * so directories ({@code -r}) are refused, as Packer's adapter did for downloads.
 */
final class ScpSession {
  private static final byte OK = 0;
  private static final Pattern FILE = Pattern.compile("C([0-7]{4}) (\\d+) (.+)");

  private final Communicator comm;
  private final InputStream in;
  private final OutputStream out;

  ScpSession(Communicator comm, InputStream in, OutputStream out) {
    this.comm = comm;
    this.in = in;
    this.out = out;
  }

  /** Packer's {@code serveSCP}: an {@code scp} command with the {@code -t} or {@code -f} option. */
  static boolean serves(String command) {
    if (!command.startsWith("scp ")) {
      return false;
    }
    String opts = options(command.substring(4))[0];
    return opts.indexOf('t') >= 0 || opts.indexOf('f') >= 0;
  }

  /** Packer's {@code scpOptions}: the option letters, and the rest of the line. */
  static String[] options(String s) {
    StringBuilder opts = new StringBuilder();
    int end = 0;
    boolean opt = false;
    for (int i = 0; i < s.length(); i++) {
      char b = s.charAt(i);
      if (b == ' ') {
        opt = false;
      } else if (b == '-') {
        opt = true;
      } else if (opt) {
        opts.append(b);
      } else {
        break;
      }
      end++;
    }
    return new String[] {opts.toString(), s.substring(end)};
  }

  /** Serves the command; returns the exit status scp would have. */
  int run(String command) throws IOException {
    String[] parsed = options(command.substring(4));
    String target = ShellWords.join(parsed[1].strip());
    if (target.isEmpty()) {
      return fail("no scp target specified");
    }
    if (parsed[0].indexOf('t') >= 0) {
      return upload(target);
    }
    if (parsed[0].indexOf('d') >= 0 || parsed[0].indexOf('r') >= 0) {
      return fail("directory transfers are not supported");
    }
    return download(target);
  }

  private int upload(String target) throws IOException {
    ok();
    while (true) {
      int b = in.read();
      if (b < 0) {
        return 0;
      }
      switch (b) {
        case 'T' -> {
          line();
          ok();
        }
        case 'C' -> {
          Matcher m = FILE.matcher("C" + line());
          if (!m.matches()) {
            return fail("invalid file message");
          }
          int mode = Integer.parseInt(m.group(1), 8);
          long size = Long.parseLong(m.group(2));
          ok();
          try {
            comm.upload(target, new Bounded(in, size), size, mode);
          } catch (IOException e) {
            fail(e.getMessage());
            throw e;
          }
          response();
          ok();
        }
        case 'E' -> {
          line();
          ok();
          return 0;
        }
        default -> {
          return fail("unexpected message: " + (char) b);
        }
      }
    }
  }

  private int download(String source) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    try {
      comm.download(source, content);
    } catch (IOException e) {
      fail(e.getMessage());
      throw e;
    }
    response();
    String name = source.substring(source.lastIndexOf('/') + 1);
    out.write(("C0644 " + content.size() + " " + name + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    response();
    content.writeTo(out);
    ok();
    response();
    return 0;
  }

  private void ok() throws IOException {
    out.write(OK);
    out.flush();
  }

  /** Tells the client the transfer failed, as scp does: code 2, the reason, a newline. */
  private int fail(String why) throws IOException {
    out.write(2);
    out.write(("scp: " + why + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return 1;
  }

  /** The client's answer: 0, or a warning (1) or an error (2) with its message. */
  private void response() throws IOException {
    int code = in.read();
    if (code < 0) {
      throw new EOFException("scp client went away");
    }
    if (code != 0) {
      String message = line();
      if (code > 1) {
        throw new IOException(message);
      }
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new EOFException("scp client went away");
      }
      line.write(b);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** The next {@code size} bytes of a stream, leaving the stream open. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long size) {
      this.in = in;
      this.left = size;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(buf, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // The channel stays open for the rest of the protocol.
    }
  }
}
