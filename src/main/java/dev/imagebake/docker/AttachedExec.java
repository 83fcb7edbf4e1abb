package dev.imagebake.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Starts an exec with its standard input attached over a connection of its own (the engine's {@code
 * POST /exec/{id}/start} upgraded to a raw stream, as the docker CLI's {@code docker exec -i} does)
 * and closes that input by half-closing the connection, which docker-java's transport cannot do:
 * without it a command reading its input never sees the end.
 *
 * <p>Plain connections only ({@code unix://} and {@code tcp://} without TLS).
 */
public final class AttachedExec implements AutoCloseable {
  private static final int CHUNK = 32 * 1024;
  private final SocketChannel channel;

  private AttachedExec(SocketChannel channel) {
    this.channel = channel;
  }

  /** Whether {@link #start} can reach {@code engine}. */
  public static boolean supports(DockerEngine engine) {
    String scheme = engine.host().getScheme();
    return !engine.tls() && ("unix".equals(scheme) || "tcp".equals(scheme));
  }

  /**
   * Starts the exec {@code execId} (created with its input, output and error attached and no
   * terminal) and returns once the engine has switched the connection to the exec's streams.
   */
  public static AttachedExec start(DockerEngine engine, String execId) throws IOException {
    SocketChannel channel = open(engine.host());
    try {
      byte[] body = "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /exec/"
              + execId
              + "/start HTTP/1.1\r\n"
              + "Host: docker\r\n"
              + "Content-Type: application/json\r\n"
              + "Connection: Upgrade\r\n"
              + "Upgrade: tcp\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n";
      writeFully(channel, head.getBytes(StandardCharsets.US_ASCII));
      writeFully(channel, body);
      String response = readHead(channel);
      String status = response.lines().findFirst().orElse("");
      if (!status.matches("HTTP/1\\.[01] (101|200) .*")) {
        throw new IOException("the engine refused to start the command: " + status);
      }
      return new AttachedExec(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Copies {@code in} to the command's input on a daemon thread, ending that input when {@code in}
   * ends.
   */
  public void feed(InputStream in) {
    Thread thread =
        new Thread(
            () -> {
              byte[] chunk = new byte[CHUNK];
              try {
                int n;
                while ((n = in.read(chunk)) >= 0) {
                  writeFully(channel, Arrays.copyOf(chunk, n));
                }
                channel.shutdownOutput();
              } catch (IOException ignored) {
                // The command ended or the connection closed; its status tells the story.
              }
            },
            "docker-stdin");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Demultiplexes the command's output frames to {@code stdout} and {@code stderr}, flushing each,
   * until the command's output ends.
   */
  public void copyOutput(OutputStream stdout, OutputStream stderr) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(8);
    while (true) {
      header.clear();
      if (!readFully(channel, header)) {
        return;
      }
      int stream = header.get(0);
      int size = header.getInt(4);
      ByteBuffer payload = ByteBuffer.allocate(size);
      if (!readFully(channel, payload)) {
        throw new IOException("the command's output ended inside a frame");
      }
      OutputStream out = stream == 2 ? stderr : stdout;
      out.write(payload.array(), 0, size);
      out.flush();
    }
  }

  /** Drops the connection, ending the copying both ways. */
  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static SocketChannel open(URI host) throws IOException {
    if ("unix".equals(host.getScheme())) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(host.getPath()));
      return channel;
    }
    return SocketChannel.open(new InetSocketAddress(host.getHost(), host.getPort()));
  }

  /** The response's status line and headers; the stream stays after the blank line. */
  private static String readHead(SocketChannel channel) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    int last4 = 0; // the last four bytes read, to spot the blank line
    while (last4 != 0x0d0a0d0a) {
      one.clear();
      if (!readFully(channel, one)) {
        throw new IOException("the engine closed the connection before answering");
      }
      head.write(one.get(0));
      last4 = (last4 << 8) | (one.get(0) & 0xff);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void writeFully(SocketChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Fills {@code buffer}; false when the stream ended before its first byte. */
  private static boolean readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        if (buffer.position() == 0) {
          return false;
        }
        throw new IOException("the command's output ended inside a frame");
      }
    }
    return true;
  }
}
