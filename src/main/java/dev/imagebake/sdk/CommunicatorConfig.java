package dev.imagebake.sdk;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.OneOf;
import java.time.Duration;

/**
 * The communicator keys every builder block accepts, flat in the block as in Packer (reference §4).
 * Null means "not set"; defaults are applied by the accessors of {@link SshConfig}.
 */
public record CommunicatorConfig(
    @Doc(
            "How to reach the machine: ssh (default; docker for the docker builder), none, docker, or winrm (not supported).")
        @OneOf({"ssh", "none", "winrm", "docker"})
        String communicator,
    @Doc("Wait this long after the first successful connection, then connect again.")
        Duration pauseBeforeConnecting,
    @Embedded SshConfig ssh,
    @Embedded WinRmConfig winrm) {

  /** The communicator type, defaulting to {@code ssh}. */
  public String type() {
    return communicator == null || communicator.isEmpty() ? "ssh" : communicator;
  }
}
