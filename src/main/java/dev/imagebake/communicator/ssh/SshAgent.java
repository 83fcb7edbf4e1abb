package dev.imagebake.communicator.ssh;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal client of the SSH agent protocol (draft-miller-ssh-agent): list the keys, sign with
 * one. sshj 0.40 has no agent support.
 */
final class SshAgent implements Closeable {
  private static final byte FAILURE = 5;
  private static final byte REQUEST_IDENTITIES = 11;
  private static final byte IDENTITIES_ANSWER = 12;
  private static final byte SIGN_REQUEST = 13;
  private static final byte SIGN_RESPONSE = 14;
  private static final int MAX_MESSAGE = 256 * 1024;

  /** Asks for an RSA signature with SHA-256 ({@code rsa-sha2-256}) instead of SHA-1. */
  static final int RSA_SHA2_256 = 2;

  private final SocketChannel channel;

  /**
   * A key the agent holds.
   *
   * @param blob the public key in SSH wire format
   * @param type its algorithm, e.g. {@code ssh-ed25519}
   * @param comment usually the file it was loaded from
   */
  record Identity(byte[] blob, String type, String comment) {}

  private SshAgent(SocketChannel channel) {
    this.channel = channel;
  }

  static SshAgent connect(Path socket) throws IOException {
    return new SshAgent(openSocket(socket));
  }

  /** A blocking connection to the agent listening on the Unix socket {@code socket}. */
  static SocketChannel openSocket(Path socket) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return channel;
  }

  List<Identity> identities() throws IOException {
    ByteBuffer answer = request(REQUEST_IDENTITIES, new byte[0]);
    if (answer.get() != IDENTITIES_ANSWER) {
      throw new IOException("the SSH agent refused to list its keys");
    }
    int count = answer.getInt();
    List<Identity> identities = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] blob = string(answer);
      String comment = new String(string(answer), StandardCharsets.UTF_8);
      String type = new String(string(ByteBuffer.wrap(blob)), StandardCharsets.US_ASCII);
      identities.add(new Identity(blob, type, comment));
    }
    return identities;
  }

  /** The signature blob ({@code string algorithm, string signature}) of {@code data}. */
  byte[] sign(byte[] keyBlob, byte[] data, int flags) throws IOException {
    ByteBuffer body = ByteBuffer.allocate(4 + keyBlob.length + 4 + data.length + 4);
    body.putInt(keyBlob.length).put(keyBlob).putInt(data.length).put(data).putInt(flags);
    ByteBuffer answer = request(SIGN_REQUEST, body.array());
    byte type = answer.get();
    if (type == FAILURE) {
      throw new IOException("the SSH agent refused to sign");
    }
    if (type != SIGN_RESPONSE) {
      throw new IOException("unexpected SSH agent answer " + type);
    }
    return string(answer);
  }

  private ByteBuffer request(byte type, byte[] body) throws IOException {
    ByteBuffer message = ByteBuffer.allocate(4 + 1 + body.length);
    message.putInt(1 + body.length).put(type).put(body).flip();
    while (message.hasRemaining()) {
      channel.write(message);
    }
    ByteBuffer length = read(4);
    int size = length.getInt();
    if (size <= 0 || size > MAX_MESSAGE) {
      throw new IOException("invalid SSH agent message length " + size);
    }
    return read(size);
  }

  private ByteBuffer read(int size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(size);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new EOFException("the SSH agent closed the connection");
      }
    }
    return buffer.flip();
  }

  private static byte[] string(ByteBuffer buffer) throws IOException {
    int length = buffer.getInt();
    if (length < 0 || length > buffer.remaining()) {
      throw new IOException("malformed SSH agent message");
    }
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
