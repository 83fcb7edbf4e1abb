package dev.imagebake.communicator.ssh;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.LocalPortForwarder;
import net.schmizz.sshj.connection.channel.direct.Parameters;
import net.schmizz.sshj.connection.channel.forwarded.RemotePortForwarder;
import net.schmizz.sshj.connection.channel.forwarded.SocketForwardingConnectListener;

/**
 * The port forwards of one connection ({@code ssh_local_tunnels}, {@code ssh_remote_tunnels}),
 * opened right after logging in and closed with the connection.
 */
final class Tunnels implements AutoCloseable {
  /** How long close() waits for a local forward's accept loop to notice its listener closed. */
  private static final Duration ACCEPT_LOOP_EXIT = Duration.ofSeconds(2);

  private final List<AutoCloseable> open = new ArrayList<>();

  private Tunnels() {}

  static Tunnels none() {
    return new Tunnels();
  }

  /**
   * @throws ConnectFailure of kind CONFIGURATION when a port cannot be listened on
   */
  static Tunnels open(SSHClient client, List<TunnelSpec> local, List<TunnelSpec> remote)
      throws ConnectFailure {
    Tunnels tunnels = new Tunnels();
    try {
      for (TunnelSpec spec : local) {
        tunnels.openLocal(client, spec);
      }
      for (TunnelSpec spec : remote) {
        tunnels.openRemote(client, spec);
      }
      return tunnels;
    } catch (ConnectFailure e) {
      tunnels.close();
      throw e;
    }
  }

  private void openLocal(SSHClient client, TunnelSpec spec) throws ConnectFailure {
    ServerSocket listener;
    try {
      listener = new ServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(spec.bind(), spec.port()));
    } catch (IOException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.CONFIGURATION,
          "ssh_local_tunnels: cannot listen on "
              + spec.bind()
              + ":"
              + spec.port()
              + ": "
              + e.getMessage(),
          e);
    }
    // Closed newest first: the listener, then this wait for the accept loop to end, so that the
    // port is really free when close() returns (a socket closed while another thread is blocked
    // in accept() is released only when that thread leaves it).
    Thread[] acceptLoop = new Thread[1];
    open.add(
        () -> {
          if (acceptLoop[0] != null) {
            acceptLoop[0].join(ACCEPT_LOOP_EXIT.toMillis());
          }
        });
    open.add(listener);
    LocalPortForwarder forwarder =
        client.newLocalPortForwarder(
            new Parameters(spec.bind(), spec.port(), spec.host(), spec.hostPort()), listener);
    open.add(forwarder::close);
    Thread thread =
        new Thread(
            () -> {
              try {
                forwarder.listen();
              } catch (IOException ended) {
                // The listener was closed with the connection.
              }
            },
            "ssh-tunnel-" + spec.port());
    thread.setDaemon(true);
    acceptLoop[0] = thread;
    thread.start();
  }

  private void openRemote(SSHClient client, TunnelSpec spec) throws ConnectFailure {
    RemotePortForwarder forwarder = client.getRemotePortForwarder();
    RemotePortForwarder.Forward forward;
    try {
      forward =
          forwarder.bind(
              new RemotePortForwarder.Forward(spec.bind(), spec.port()),
              new SocketForwardingConnectListener(
                  new InetSocketAddress(spec.host(), spec.hostPort())));
    } catch (IOException e) {
      throw new ConnectFailure(
          ConnectFailure.Kind.CONFIGURATION,
          "ssh_remote_tunnels: the server did not listen on "
              + spec.bind()
              + ":"
              + spec.port()
              + ": "
              + e.getMessage(),
          e);
    }
    open.add(() -> forwarder.cancel(forward));
  }

  /** Closes every forward, newest first; never throws. */
  @Override
  public void close() {
    for (int i = open.size() - 1; i >= 0; i--) {
      try {
        open.get(i).close();
      } catch (Exception ignored) {
        // Best effort: the connection is going away anyway.
      }
    }
    open.clear();
  }
}
