package dev.imagebake.communicator.ssh;

import java.io.IOException;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.SSHPacket;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AbstractAuthMethod;

/** Public-key authentication with a key held by the SSH agent, which does the signing. */
final class AgentAuthMethod extends AbstractAuthMethod {
  private final SshAgent agent;
  private final SshAgent.Identity identity;

  AgentAuthMethod(SshAgent agent, SshAgent.Identity identity) {
    super("publickey");
    this.agent = agent;
    this.identity = identity;
  }

  @Override
  protected SSHPacket buildReq() throws UserAuthException {
    // RSA keys sign with SHA-256: servers reject SHA-1 "ssh-rsa" signatures nowadays.
    boolean rsa = identity.type().equals("ssh-rsa");
    String algorithm = rsa ? "rsa-sha2-256" : identity.type();
    SSHPacket request =
        super.buildReq().putBoolean(true).putString(algorithm).putString(identity.blob());
    byte[] signed =
        new Buffer.PlainBuffer()
            .putString(params.getTransport().getSessionID())
            .putBuffer(request)
            .getCompactData();
    try {
      byte[] signature = agent.sign(identity.blob(), signed, rsa ? SshAgent.RSA_SHA2_256 : 0);
      return request.putString(signature);
    } catch (IOException e) {
      throw new UserAuthException("the SSH agent could not sign with " + identity.comment(), e);
    }
  }

  @Override
  public String toString() {
    return "agent key " + identity.comment();
  }
}
