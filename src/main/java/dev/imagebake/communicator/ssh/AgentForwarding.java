package dev.imagebake.communicator.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.Message;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.connection.Connection;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.Channel;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.forwarded.AbstractForwardedChannel;
import net.schmizz.sshj.connection.channel.forwarded.AbstractForwardedChannelOpener;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SSH agent forwarding as OpenSSH does it (and Go's {@code agent.ForwardToRemote} plus {@code
 * agent.RequestAgentForwarding}, which Packer uses): each command session asks the server for an
 * agent socket ({@code auth-agent-req@openssh.com}); the server then opens an {@code
 * auth-agent@openssh.com} channel back for every program that connects to it, and each such channel
 * is joined to a new connection to the local agent. sshj 0.40 has neither part.
 */
final class AgentForwarding {
  private static final Logger LOG = LoggerFactory.getLogger(AgentForwarding.class);
  static final String CHANNEL_TYPE = "auth-agent@openssh.com";
  private static final String REQUEST = "auth-agent-req@openssh.com";
  private static final int COPY_BUFFER = 32 * 1024;

  private AgentForwarding() {}

  /**
   * Lets the server of {@code client} open agent channels, each connected to the agent listening on
   * {@code socket}; a channel is refused when the agent cannot be reached.
   */
  static void accept(SSHClient client, Path socket) {
    client.getConnection().attach(new Opener(client.getConnection(), socket));
  }

  /**
   * Asks for agent forwarding on {@code session} (no reply wanted, as OpenSSH's client does); sent
   * before the command starts, so the command sees {@code SSH_AUTH_SOCK}.
   */
  static void request(SSHClient client, Session session) throws TransportException {
    client
        .getTransport()
        .write(
            new SSHPacket(Message.CHANNEL_REQUEST)
                .putUInt32(session.getRecipient())
                .putString(REQUEST)
                .putBoolean(false));
  }

  /** Accepts the server's {@code auth-agent@openssh.com} channel opens. */
  private static final class Opener extends AbstractForwardedChannelOpener {
    private final Path socket;

    Opener(Connection connection, Path socket) {
      super(CHANNEL_TYPE, connection);
      this.socket = socket;
    }

    @Override
    public void handleOpen(SSHPacket open) throws ConnectionException, TransportException {
      AgentChannel channel;
      try {
        channel =
            new AgentChannel(conn, open.readUInt32AsInt(), open.readUInt32(), open.readUInt32());
      } catch (Buffer.BufferException e) {
        throw new ConnectionException(e);
      }
      // On its own thread (sshj's).
      callListener(c -> connect(conn, socket, c), channel);
    }
  }

  /** The channel; agent channels carry no originator address. */
  private static final class AgentChannel extends AbstractForwardedChannel {
    AgentChannel(Connection connection, int recipient, long window, long maxPacket) {
      super(connection, CHANNEL_TYPE, recipient, window, maxPacket, "", 0);
    }
  }

  /**
   * Joins {@code channel} to a new connection to the agent: the server's requests go to the agent
   * and its answers come back, until either side is done.
   */
  private static void connect(Connection connection, Path socket, Channel.Forwarded channel)
      throws IOException {
    SocketChannel agent;
    try {
      agent = SshAgent.openSocket(socket);
    } catch (IOException e) {
      LOG.debug(
          "cannot reach the SSH agent at {} for a forwarded request: {}", socket, e.toString());
      refuse(connection, channel);
      return;
    }
    try {
      channel.confirm();
    } catch (IOException e) {
      agent.close();
      throw e;
    }
    Thread requests =
        new Thread(
            () -> {
              if (!toAgent(channel.getInputStream(), agent)) {
                // The connection broke: nobody is left to read answers; end the other copy too.
                closeQuietly(agent);
                return;
              }
              try {
                // The remote program is done asking: the agent answers what it has and closes.
                agent.shutdownOutput();
              } catch (IOException ignored) {
                // Already closed.
              }
            },
            "ssh-agent-requests");
    requests.setDaemon(true);
    requests.start();
    fromAgent(agent, channel.getOutputStream());
    closeQuietly(channel);
    closeQuietly(agent);
  }

  /**
   * Refuses the channel open. (sshj's own refusal leaves out the language tag, and OpenSSH drops
   * the whole connection over that malformed message.)
   */
  private static void refuse(Connection connection, Channel.Forwarded channel)
      throws TransportException {
    connection
        .getTransport()
        .write(
            new SSHPacket(Message.CHANNEL_OPEN_FAILURE)
                .putUInt32(channel.getRecipient())
                .putUInt32(OpenFailException.Reason.CONNECT_FAILED.getCode())
                .putString("the local SSH agent cannot be reached")
                .putString(""));
  }

  // The socket is read and written directly: Channels.newInputStream/newOutputStream of one
  // blocking channel share a lock, so a blocked read would stop every write.

  /**
   * Copies the remote program's requests to the agent until the channel ends (true) or breaks
   * (false).
   */
  private static boolean toAgent(InputStream in, SocketChannel agent) {
    byte[] buffer = new byte[COPY_BUFFER];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        ByteBuffer piece = ByteBuffer.wrap(buffer, 0, n);
        while (piece.hasRemaining()) {
          agent.write(piece);
        }
      }
      return true;
    } catch (IOException e) {
      LOG.debug("forwarded agent connection ended: {}", e.toString());
      return false;
    }
  }

  /** Copies the agent's answers to the channel, each at once, until the agent closes. */
  private static void fromAgent(SocketChannel agent, OutputStream out) {
    ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER);
    try {
      while (agent.read(buffer) >= 0) {
        out.write(buffer.array(), 0, buffer.position());
        out.flush();
        buffer.clear();
      }
    } catch (IOException e) {
      LOG.debug("forwarded agent connection ended: {}", e.toString());
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Best effort: the other side is gone.
    }
  }
}
