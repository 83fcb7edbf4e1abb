package dev.imagebake.communicator.ssh;

import dev.imagebake.sdk.io.Der;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an unencrypted RSA key in PEM (PKCS#8 {@code PRIVATE KEY}, or PKCS#1 {@code RSA PRIVATE
 * KEY}) with the JDK alone: the temporary keys the cloud builders hand over in memory are such
 * keys, and sshj reads them through Bouncy Castle's PEM classes, whose signed jar the JVM verifies
 * at first use (0.3 to 0.5 s of a build on this project's loaded 2-core machine, and no class-data
 * archive can hold classes of a signed jar). Anything else is left to sshj.
 */
final class JdkRsaPem {
  private static final Pattern PEM =
      Pattern.compile(
          "\\A\\s*-----BEGIN (RSA PRIVATE KEY|PRIVATE KEY)-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+)"
              + "-----END \\1-----\\s*\\z");

  private JdkRsaPem() {}

  /** The key pair of {@code pem}, or empty when it is not an unencrypted RSA key in PEM. */
  static Optional<KeyPair> read(String pem) {
    Matcher m = PEM.matcher(pem);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      byte[] pkcs8 = m.group(1).equals("PRIVATE KEY") ? der : Der.pkcs8OfRsa(der);
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)) instanceof RSAPrivateCrtKey key)) {
        return Optional.empty();
      }
      var pub = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      return Optional.of(new KeyPair(pub, key));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty(); // sshj reads it, or says why not
    }
  }
}
