package dev.imagebake.communicator.ssh;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
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
  // SEQUENCE { INTEGER 0, SEQUENCE { OID rsaEncryption, NULL }, ... }: the PKCS#8 wrapping.
  private static final byte[] VERSION_AND_RSA =
      HexFormat.of().parseHex("020100300d06092a864886f70d0101010500");

  private JdkRsaPem() {}

  /** The key pair of {@code pem}, or empty when it is not an unencrypted RSA key in PEM. */
  static Optional<KeyPair> read(String pem) {
    Matcher m = PEM.matcher(pem);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      byte[] pkcs8 = m.group(1).equals("PRIVATE KEY") ? der : wrap(der);
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

  /** PKCS#1 RSAPrivateKey into PKCS#8 PrivateKeyInfo. */
  private static byte[] wrap(byte[] pkcs1) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(VERSION_AND_RSA);
    content.writeBytes(tlv(0x04, pkcs1));
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(value);
    return out.toByteArray();
  }
}
