package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.go.GoDuration;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;

/**
 * Sockets whose read timeout ends the connection. sshj's reader thread ignores {@link
 * SocketTimeoutException} and reads again, so a socket timeout alone never detects a dead peer;
 * these sockets report it as a plain I/O error instead, which makes sshj close the transport. The
 * timeout is the handshake bound while connecting and {@code ssh_read_write_timeout} (0: none)
 * after that. Optionally through a SOCKS5 proxy ({@link Socks5}).
 */
final class DeadlineSockets extends SocketFactory {
  private final SshSettings.Proxy proxy;

  /** Direct connections when {@code proxy} is null. */
  DeadlineSockets(SshSettings.Proxy proxy) {
    this.proxy = proxy;
  }

  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new DeadlineSocket(proxy);
    // SSH is request/response on small packets: with Nagle's algorithm each session open, exec
    // and close waits on the peer's delayed ACK (~40 ms), which dominated every remote command.
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, InetSocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }

  private static final class DeadlineSocket extends Socket {
    private final SshSettings.Proxy proxy;
    private InputStream input;

    DeadlineSocket(SshSettings.Proxy proxy) {
      this.proxy = proxy;
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (proxy == null) {
        super.connect(endpoint, timeout);
        return;
      }
      try {
        super.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
      } catch (ConnectException e) {
        throw new ConnectException(
            "connection refused by the SOCKS5 proxy " + proxy.address() + ": " + e.getMessage());
      }
      int previous = getSoTimeout();
      setSoTimeout(timeout);
      try {
        Socks5.connect(
            super.getInputStream(),
            super.getOutputStream(),
            proxy.address(),
            proxy,
            (InetSocketAddress) endpoint);
      } finally {
        setSoTimeout(previous);
      }
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = new DeadlineInputStream(super.getInputStream(), this);
      }
      return input;
    }
  }

  private static final class DeadlineInputStream extends FilterInputStream {
    private final Socket socket;

    DeadlineInputStream(InputStream in, Socket socket) {
      super(in);
      this.socket = socket;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (SocketTimeoutException e) {
        throw silent(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (SocketTimeoutException e) {
        throw silent(e);
      }
    }

    private IOException silent(SocketTimeoutException e) throws IOException {
      return new IOException(
          "no data from the server for "
              + GoDuration.format(java.time.Duration.ofMillis(socket.getSoTimeout())),
          e);
    }
  }
}
