package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Security;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClientConfigTest {

  @BeforeAll
  static void jdkProvidersOnly() {
    // As for every connection: sshj must not register BouncyCastle, whose provider has more.
    SshCrypto.configure();
    assertThat(Security.getProvider("BC") == null).as("BouncyCastle not registered").isTrue();
  }

  @Test
  void offersTheCiphersSshjsTrialKeepsInItsOrder() {
    // DefaultConfig keys every cipher it knows and drops those that fail: the reference.
    List<String> trial = names(new DefaultConfig().getCipherFactories());

    List<String> offered = names(new ClientConfig().getCipherFactories());

    assertThat(offered).isEqualTo(trial).contains("aes128-ctr", "aes256-gcm@openssh.com");
  }

  @Test
  void keepsTheRestOfSshjsDefaults() {
    DefaultConfig reference = new DefaultConfig();
    ClientConfig config = new ClientConfig();

    assertThat(names(config.getKeyExchangeFactories()))
        .isEqualTo(names(reference.getKeyExchangeFactories()));
    assertThat(names(config.getMACFactories())).isEqualTo(names(reference.getMACFactories()));
    assertThat(config.getVersion()).isEqualTo(reference.getVersion());
  }

  private static <T> List<String> names(List<Factory.Named<T>> factories) {
    return factories.stream().map(Factory.Named::getName).toList();
  }
}
