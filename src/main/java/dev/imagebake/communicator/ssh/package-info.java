/**
 * The SSH communicator on sshj, a plugin like any other ({@link
 * dev.imagebake.communicator.ssh.SshCommunicatorFactory}): its keys are parsed once ({@link
 * dev.imagebake.communicator.ssh.SshSettings}) for validate and for connect; {@link
 * dev.imagebake.communicator.ssh.SshConnector} waits for the machine and returns a {@link
 * dev.imagebake.sdk.Communicator} that runs commands and copies files over scp (default) or sftp.
 *
 * <p>Departures from Packer, on purpose: authentication failures end the wait after {@code
 * ssh_handshake_attempts} quick attempts instead of running into {@code ssh_timeout}; giving up
 * names the real last cause; the host key is checked when {@code ssh_host_key} or {@code
 * ssh_known_hosts_file} is set and its fingerprint printed otherwise; sftp uploads create missing
 * destination directories; AES runs on the JDK's provider rather than sshj's (BouncyCastle) for
 * speed; fewer sessions, same results: commands run in one long-lived login shell per connection
 * ({@link dev.imagebake.communicator.ssh.RemoteShell}), a script travels with its run ({@link
 * dev.imagebake.communicator.ssh.UploadThenRun}), and a tree goes to a new destination as tar
 * streams, one per CPU of the machine ({@link dev.imagebake.communicator.ssh.TarUpload}); an
 * interrupted command's process group is killed from a second session, since sshd refuses signal
 * requests for root. As in Packer, command sessions forward the local agent ({@code SSH_AUTH_SOCK})
 * unless {@code ssh_disable_agent_forwarding} is true ({@link
 * dev.imagebake.communicator.ssh.AgentForwarding}); file transfers do not ask for it.
 */
package dev.imagebake.communicator.ssh;
