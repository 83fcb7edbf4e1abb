package dev.imagebake.communicator.ssh;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The client side of a SOCKS5 CONNECT (RFC 1928) with optional username/password authentication
 * (RFC 1929), on a socket already connected to the proxy. Our own because the JDK's SOCKS client
 * takes credentials only from the process-wide {@link java.net.Authenticator}.
 */
final class Socks5 {
  private static final int VERSION = 5;
  private static final int NO_AUTHENTICATION = 0;
  private static final int USERNAME_PASSWORD = 2;
  private static final int NO_ACCEPTABLE_METHOD = 0xFF;

  /** The proxy refused our credentials: waiting will not help. */
  static final class Rejected extends IOException {
    Rejected(String message) {
      super(message);
    }
  }

  private Socks5() {}

  /**
   * Asks the proxy to connect to {@code target}.
   *
   * @param proxy {@code host:port} of the proxy, for messages
   * @throws Rejected when the proxy refuses the credentials
   * @throws ConnectException when the proxy cannot reach the target
   */
  static void connect(
      InputStream rawIn,
      OutputStream out,
      String proxy,
      SshSettings.Proxy settings,
      InetSocketAddress target)
      throws IOException {
    DataInputStream in = new DataInputStream(rawIn);
    boolean credentials = settings.username() != null;
    if (credentials) {
      out.write(new byte[] {VERSION, 2, NO_AUTHENTICATION, USERNAME_PASSWORD});
    } else {
      out.write(new byte[] {VERSION, 1, NO_AUTHENTICATION});
    }
    out.flush();
    expectVersion(in.readUnsignedByte(), proxy);
    int method = in.readUnsignedByte();
    if (method == USERNAME_PASSWORD && credentials) {
      authenticate(in, out, proxy, settings);
    } else if (method == NO_ACCEPTABLE_METHOD || method != NO_AUTHENTICATION) {
      throw new Rejected(
          "SOCKS5 proxy "
              + proxy
              + " requires authentication"
              + (credentials ? " we do not support" : ": set ssh_proxy_username"));
    }

    byte[] request = connectRequest(target);
    out.write(request);
    out.flush();
    expectVersion(in.readUnsignedByte(), proxy);
    int reply = in.readUnsignedByte();
    in.readUnsignedByte(); // reserved
    skipAddress(in);
    if (reply != 0) {
      throw new ConnectException(
          "SOCKS5 proxy "
              + proxy
              + " could not connect to "
              + target.getHostString()
              + ":"
              + target.getPort()
              + ": "
              + replyText(reply));
    }
  }

  private static void authenticate(
      DataInputStream in, OutputStream out, String proxy, SshSettings.Proxy settings)
      throws IOException {
    byte[] user = settings.username().getBytes(StandardCharsets.UTF_8);
    byte[] password =
        (settings.password() == null ? "" : settings.password()).getBytes(StandardCharsets.UTF_8);
    if (user.length > 255 || password.length > 255) {
      throw new Rejected("ssh_proxy_username and ssh_proxy_password must be at most 255 bytes");
    }
    out.write(1);
    out.write(user.length);
    out.write(user);
    out.write(password.length);
    out.write(password);
    out.flush();
    in.readUnsignedByte(); // sub-negotiation version
    if (in.readUnsignedByte() != 0) {
      throw new Rejected(
          "SOCKS5 proxy " + proxy + " rejected the credentials of user " + settings.username());
    }
  }

  private static byte[] connectRequest(InetSocketAddress target) {
    byte[] port = {(byte) (target.getPort() >> 8), (byte) target.getPort()};
    byte[] address;
    int type;
    if (target.isUnresolved()) {
      byte[] name = target.getHostString().getBytes(StandardCharsets.US_ASCII);
      address = new byte[name.length + 1];
      address[0] = (byte) name.length;
      System.arraycopy(name, 0, address, 1, name.length);
      type = 3;
    } else {
      address = target.getAddress().getAddress();
      type = target.getAddress() instanceof Inet4Address ? 1 : 4;
    }
    byte[] request = new byte[4 + address.length + 2];
    request[0] = VERSION;
    request[1] = 1; // CONNECT
    request[2] = 0;
    request[3] = (byte) type;
    System.arraycopy(address, 0, request, 4, address.length);
    System.arraycopy(port, 0, request, 4 + address.length, 2);
    return request;
  }

  private static void skipAddress(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    int length =
        switch (type) {
          case 1 -> 4;
          case 4 -> 16;
          case 3 -> in.readUnsignedByte();
          default -> throw new IOException("SOCKS5: unknown address type " + type);
        };
    in.readFully(new byte[length + 2]);
  }

  private static void expectVersion(int version, String proxy) throws IOException {
    if (version != VERSION) {
      throw new IOException(proxy + " is not a SOCKS5 proxy (version " + version + ")");
    }
  }

  private static String replyText(int reply) {
    return switch (reply) {
      case 1 -> "general failure";
      case 2 -> "not allowed by the proxy's rules";
      case 3 -> "network unreachable";
      case 4 -> "host unreachable";
      case 5 -> "connection refused";
      case 6 -> "TTL expired";
      case 7 -> "command not supported";
      case 8 -> "address type not supported";
      default -> "error " + reply;
    };
  }
}
