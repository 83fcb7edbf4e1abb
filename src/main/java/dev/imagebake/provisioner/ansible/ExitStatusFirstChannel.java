package dev.imagebake.provisioner.ansible;

import java.io.IOException;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.channel.ChannelSession;

/**
 * A session channel that sends a command's exit status before its end of file.
 *
 * <p>MINA sends end of file first and the exit status after it. An OpenSSH client whose input has
 * ended answers that end of file with its close at once, and when the close arrives between the two
 * MINA drops the exit status as too late. OpenSSH's connection sharing (ControlMaster, on by
 * default in Ansible) then tells the waiting {@code ssh} "Control master terminated unexpectedly",
 * it exits 255 silently, and Ansible reports only "failed to transfer file". Sending the status
 * first leaves nothing for the close to overtake; RFC 4254 allows it at any time before the close.
 * The command has flushed its output by then, so no data follows the status.
 */
final class ExitStatusFirstChannel extends ChannelSession {
  /** Makes these channels for every "session" open request. */
  static final ChannelFactory FACTORY =
      new ChannelFactory() {
        @Override
        public String getName() {
          return "session";
        }

        @Override
        public Channel createChannel(Session session) {
          return new ExitStatusFirstChannel();
        }
      };

  @Override
  protected void closeShell(int exitValue, boolean immediately) throws IOException {
    if (!immediately && !isClosing()) {
      sendExitStatus(exitValue); // once: MINA's own call below finds it sent
    }
    super.closeShell(exitValue, immediately);
  }
}
