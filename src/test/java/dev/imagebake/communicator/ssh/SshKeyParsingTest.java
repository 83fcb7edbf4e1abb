package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSH keys Packer parses with Go's rules (tunnels, host keys), parsed once for validate and
 * connect.
 */
class SshKeyParsingTest {
  @ParameterizedTest
  @ValueSource(strings = {"8080:localhost:80", "1:[::1]:22", "127.0.0.1:8080:db:5432"})
  void acceptsTunnelSpecs(String spec) {
    assertThat(TunnelSpec.parse(spec)).isNotNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|Error parsing tunnel 'abc': [abc]",
        "x:h:1|Error parsing listening port, must be a valid port: strconv.Atoi: parsing \"x\":"
            + " invalid syntax",
        "1:h:x|Error parsing forwarding port, must be a valid port: strconv.Atoi: parsing \"x\":"
            + " invalid syntax",
        "1:h|Error parsing forwarding, must be a tcp address: address h: missing port in address",
        "1:a:b:c:d|Error parsing forwarding, must be a tcp address: address a:b:c:d: too many"
            + " colons in address"
      })
  void refusesTunnelSpecsLikePacker(String spec, String message) {
    assertThatThrownBy(() -> TunnelSpec.parse(spec)).hasMessage(message);
  }

  @Test
  void checksHostKeys() {
    String ed25519 =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    assertThat(HostKeys.parsePin(ed25519)).isNotNull();
    assertThat(HostKeys.parsePin("host.example " + ed25519 + " comment")).isNotNull();
    assertThatThrownBy(() -> HostKeys.parsePin("ssh-rsa " + ed25519.substring(12)))
        .hasMessage("the key data is for ssh-ed25519, not ssh-rsa");
    assertThat(HostKeys.parsePin("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")).isNotNull();
    assertThatThrownBy(() -> HostKeys.parsePin("SHA256:abc"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostKeys.parsePin("not a key"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
