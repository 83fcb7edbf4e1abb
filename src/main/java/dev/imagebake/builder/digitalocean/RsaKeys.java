package dev.imagebake.builder.digitalocean;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

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

  /**
   * Starts making a pair on a daemon thread of its own: the prime search takes from 0.1 s to over a
   * second, and a build needs the key only after its region check, so most of it overlaps that
   * call. Wait for it with {@link #await}.
   */
  static FutureTask<Pair> generateAhead() {
    FutureTask<Pair> task = new FutureTask<>(RsaKeys::generate);
    Thread thread = new Thread(task, "digitalocean-rsa-key");
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** The pair {@link #generateAhead} makes, once made; interruptible. */
  static Pair await(Future<Pair> ahead) throws InterruptedException {
    try {
      return ahead.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("error generating RSA key: " + e.getCause(), e.getCause());
    }
  }

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
