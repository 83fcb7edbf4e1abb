package dev.imagebake.communicator.ssh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * Restricts sshj's algorithm lists to {@code ssh_ciphers} and {@code ssh_key_exchange_algorithms}.
 */
final class Algorithms {

  private Algorithms() {}

  /**
   * Applies the lists (null or empty keeps sshj's defaults).
   *
   * @throws ConnectFailure of kind CONFIGURATION naming an unknown algorithm and the known ones
   */
  static void restrict(DefaultConfig config, List<String> ciphers, List<String> keyExchanges)
      throws ConnectFailure {
    config.setCipherFactories(withJdkAes(config.getCipherFactories()));
    if (ciphers != null && !ciphers.isEmpty()) {
      config.setCipherFactories(
          select("ssh_ciphers", "cipher", config.getCipherFactories(), ciphers));
    }
    if (keyExchanges != null && !keyExchanges.isEmpty()) {
      config.setKeyExchangeFactories(
          select(
              "ssh_key_exchange_algorithms",
              "key exchange algorithm",
              config.getKeyExchangeFactories(),
              keyExchanges));
    }
  }

  /** sshj's cipher list with the AES ciphers replaced by {@link JdkCiphers}, order kept. */
  private static List<Factory.Named<Cipher>> withJdkAes(List<Factory.Named<Cipher>> available) {
    Map<String, Factory.Named<Cipher>> faster = new LinkedHashMap<>();
    JdkCiphers.factories().forEach(f -> faster.put(f.getName(), f));
    return available.stream().map(f -> faster.getOrDefault(f.getName(), f)).toList();
  }

  private static <T> List<Factory.Named<T>> select(
      String key, String what, List<Factory.Named<T>> available, List<String> wanted)
      throws ConnectFailure {
    Map<String, Factory.Named<T>> byName = new LinkedHashMap<>();
    available.forEach(f -> byName.putIfAbsent(f.getName(), f));
    List<Factory.Named<T>> chosen = new ArrayList<>();
    for (String name : wanted) {
      Factory.Named<T> factory = byName.get(name);
      if (factory == null) {
        throw new ConnectFailure(
            ConnectFailure.Kind.CONFIGURATION,
            key
                + ": unknown "
                + what
                + " \""
                + name
                + "\"; supported: "
                + String.join(", ", byName.keySet()));
      }
      chosen.add(factory);
    }
    return chosen;
  }
}
