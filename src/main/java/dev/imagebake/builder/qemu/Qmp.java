package dev.imagebake.builder.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of QEMU's machine protocol (QMP) on a unix socket: one JSON command per line, one reply
 * per command; asynchronous events in between are skipped. Not thread-safe.
 */
final class Qmp implements AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SocketChannel channel;
  private final BufferedReader in;
  private final OutputStream out;

  private Qmp(SocketChannel channel) {
    this.channel = channel;
    this.in =
        new BufferedReader(
            new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    this.out = Channels.newOutputStream(channel);
  }

  /** Connects, reads the greeting and enters command mode. */
  static Qmp connect(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
      Qmp qmp = new Qmp(channel);
      JsonNode greeting = qmp.readMessage();
      if (!greeting.has("QMP")) {
        throw new IOException("not a QMP greeting: " + greeting);
      }
      qmp.execute("qmp_capabilities", null);
      return qmp;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Runs one command and returns its {@code return} value.
   *
   * @throws IOException with QEMU's error description when the command failed
   */
  JsonNode execute(String command, ObjectNode arguments) throws IOException {
    ObjectNode request = JsonNodeFactory.instance.objectNode().put("execute", command);
    if (arguments != null) {
      request.set("arguments", arguments);
    }
    out.write((JSON.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    while (true) {
      JsonNode reply = readMessage();
      if (reply.has("event")) {
        continue;
      }
      if (reply.has("error")) {
        throw new IOException(
            command + ": " + reply.get("error").path("desc").asString(reply.toString()));
      }
      return reply.get("return");
    }
  }

  /** Presses {@code qcodes} together, then releases them ({@code send-key}). */
  void sendKeys(List<String> qcodes) throws IOException {
    ArrayNode keys = JsonNodeFactory.instance.arrayNode();
    for (String code : qcodes) {
      keys.addObject().put("type", "qcode").put("data", code);
    }
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.set("keys", keys);
    execute("send-key", args);
  }

  private JsonNode readMessage() throws IOException {
    String line = in.readLine();
    if (line == null) {
      throw new IOException("QEMU closed the QMP connection");
    }
    return JSON.readTree(line);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // Closing a socket QEMU already closed: nothing left to release.
    }
  }
}
