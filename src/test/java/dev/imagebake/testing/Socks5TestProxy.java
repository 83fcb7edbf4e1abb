package dev.imagebake.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small SOCKS5 proxy (RFC 1928 CONNECT, RFC 1929 username/password) on a free loopback port, for
 * tests. With a username it requires exactly these credentials; without, it requires none.
 */
public final class Socks5TestProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String username;
  private final String password;
  private final List<Socket> sockets = new ArrayList<>();
  private int connects;

  private Socks5TestProxy(String username, String password) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.username = username;
    this.password = password;
    Thread acceptor = new Thread(this::acceptLoop, "socks5-test-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy that requires {@code username}/{@code password}, or no authentication if null. */
  public static Socks5TestProxy start(String username, String password) throws IOException {
    return new Socks5TestProxy(username, password);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** How many CONNECT requests the proxy carried out. */
  public synchronized int connects() {
    return connects;
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket client = server.accept();
        track(client);
        Thread handler = new Thread(() -> handle(client), "socks5-test-client");
        handler.setDaemon(true);
        handler.start();
      }
    } catch (IOException closed) {
      // close() ends the loop.
    }
  }

  private void handle(Socket client) {
    try {
      DataInputStream in = new DataInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      in.readUnsignedByte(); // version
      byte[] methods = new byte[in.readUnsignedByte()];
      in.readFully(methods);
      int wanted = username == null ? 0 : 2;
      if (!contains(methods, wanted)) {
        out.write(new byte[] {5, (byte) 0xFF});
        client.close();
        return;
      }
      out.write(new byte[] {5, (byte) wanted});
      if (wanted == 2) {
        in.readUnsignedByte();
        String user = readString(in);
        String pass = readString(in);
        boolean ok = username.equals(user) && password.equals(pass);
        out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
        if (!ok) {
          client.close();
          return;
        }
      }
      in.readUnsignedByte(); // version
      in.readUnsignedByte(); // CONNECT
      in.readUnsignedByte(); // reserved
      int type = in.readUnsignedByte();
      String host;
      if (type == 1) {
        byte[] address = new byte[4];
        in.readFully(address);
        host = InetAddress.getByAddress(address).getHostAddress();
      } else if (type == 3) {
        host = readString(in);
      } else {
        byte[] address = new byte[16];
        in.readFully(address);
        host = InetAddress.getByAddress(address).getHostAddress();
      }
      int port = in.readUnsignedShort();
      Socket target = new Socket();
      try {
        target.connect(new InetSocketAddress(host, port), 5000);
      } catch (IOException e) {
        out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0}); // connection refused
        client.close();
        return;
      }
      track(target);
      synchronized (this) {
        connects++;
      }
      out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
      relay(target.getInputStream(), out);
      relay(in, target.getOutputStream());
    } catch (IOException e) {
      // The client went away.
    }
  }

  private static boolean contains(byte[] methods, int method) {
    for (byte b : methods) {
      if (b == method) {
        return true;
      }
    }
    return false;
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readUnsignedByte()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void relay(InputStream from, OutputStream to) {
    Thread thread =
        new Thread(
            () -> {
              try (from;
                  to) {
                from.transferTo(to);
              } catch (IOException ended) {
                // One side closed.
              }
            },
            "socks5-test-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private synchronized void track(Socket socket) {
    sockets.add(socket);
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (this) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
