package dev.imagebake.builder.digitalocean;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A fresh RSA key pair for the droplet, as Packer's {@code stepCreateSSHKey} makes one: the private
 * key as PEM, the public key as an authorized_keys line.
 */
final class RsaKeys {
  /** Packer 1.6.6 asks for 2014 bits (a typo for 2048); imagebake makes 2048. */
  private static final int BITS = 2048;

  record Pair(String privateKeyPem, String publicKeyLine) {
    @Override
    public String toString() {
      return "RsaKeys.Pair[" + publicKeyLine + "]";
    }
  }

  private RsaKeys() {}

  static Pair generate() {
    KeyPair pair;
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(BITS);
      pair = gen.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("error generating RSA key: " + e.getMessage(), e);
    }
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
    writeString(blob, pub.getPublicExponent().toByteArray());
    writeString(blob, pub.getModulus().toByteArray());
    String line = "ssh-rsa " + Base64.getEncoder().encodeToString(blob.toByteArray());
    return new Pair(pem, line);
  }

  /** RFC 4251 string (and mpint, as BigInteger's two's complement bytes are one). */
  private static void writeString(ByteArrayOutputStream out, byte[] bytes) {
    int n = bytes.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(bytes);
  }
}
