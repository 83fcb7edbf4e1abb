package dev.imagebake.builder.digitalocean;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh RSA key pair for the droplet, as Packer's {@code stepCreateSSHKey} makes one: the private
 * key as PEM, the public key as an authorized_keys line.
 *
 * <p>Made by {@code openssl genpkey} when OpenSSL's command is on the PATH, else by the JDK. Why:
 * in a JVM that has just started, the JDK's prime search runs as interpreted and freshly compiled
 * code and makes the JIT compile {@code BigInteger}'s arithmetic at once, about 0.5 s of CPU on the
 * two cores the build's own start-up needs (OpenSSL: 0.1 to 0.2 s); a digitalocean build's CPU
 * time, OpenSSL's included, went from 2.16 to 1.82 s. The private key comes through a pipe (never a
 * file) and is checked and re-encoded here, so both ways give the same PEM; any failure of OpenSSL
 * falls back to the JDK.
 */
final class RsaKeys {
  private static final Logger LOG = LoggerFactory.getLogger(RsaKeys.class);

  /** Packer 1.6.6 asks for 2014 bits (a typo for 2048); imagebake makes 2048. */
  private static final int BITS = 2048;

  /** OpenSSL's command for a PKCS#8 PEM key on stdout (the same in OpenSSL 1.1 and 3). */
  static final List<String> OPENSSL =
      List.of("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:" + BITS);

  private static final long OPENSSL_TIMEOUT_SECONDS = 20;

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

  /** A pair from OpenSSL when it can make one, else from the JDK. */
  static Pair generate() {
    long start = System.nanoTime();
    Optional<Pair> made = fromOpenssl(OPENSSL);
    if (made.isPresent()) {
      LOG.debug("RSA key made by openssl in {} ms", (System.nanoTime() - start) / 1_000_000);
      return made.get();
    }
    Pair pair = generateInJdk();
    LOG.debug("RSA key made by the JDK in {} ms", (System.nanoTime() - start) / 1_000_000);
    return pair;
  }

  /**
   * Runs {@code command}, which must print an unencrypted PKCS#8 PEM RSA key of {@link #BITS} bits
   * and nothing else on stdout; empty when it cannot be run, fails or prints anything else.
   */
  static Optional<Pair> fromOpenssl(List<String> command) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException | RuntimeException e) {
      LOG.debug("no RSA key from {}: {}", command.get(0), e.toString());
      return Optional.empty();
    }
    try (InputStream out = process.getInputStream()) {
      // A key is under 2 KiB, far less than a pipe holds: the process never blocks on writing.
      if (!process.waitFor(OPENSSL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        LOG.debug(
            "no RSA key from {}: still running after {} s",
            command.get(0),
            OPENSSL_TIMEOUT_SECONDS);
        return Optional.empty();
      }
      byte[] text = out.readAllBytes();
      if (process.exitValue() != 0) {
        LOG.debug("no RSA key from {}: exit status {}", command.get(0), process.exitValue());
        return Optional.empty();
      }
      return Optional.of(fromPkcs8Pem(new String(text, StandardCharsets.US_ASCII)));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      LOG.debug("no RSA key from {}: {}", command.get(0), e.getClass().getSimpleName());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      process.destroyForcibly();
    }
  }

  /** The pair of a PKCS#8 PEM RSA private key of {@link #BITS} bits. */
  private static Pair fromPkcs8Pem(String pem) throws GeneralSecurityException {
    String begin = "-----BEGIN PRIVATE KEY-----";
    String end = "-----END PRIVATE KEY-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("not a PKCS#8 PEM key");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    if (!(key instanceof RSAPrivateCrtKey crt) || crt.getModulus().bitLength() != BITS) {
      throw new IllegalArgumentException("not an RSA key of " + BITS + " bits");
    }
    return pair(crt, crt.getPublicExponent(), crt.getModulus());
  }

  static Pair generateInJdk() {
    KeyPair pair;
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(BITS);
      pair = gen.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("error generating RSA key: " + e.getMessage(), e);
    }
    RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
    return pair(pair.getPrivate(), pub.getPublicExponent(), pub.getModulus());
  }

  private static Pair pair(PrivateKey key, BigInteger exponent, BigInteger modulus) {
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    ByteArrayOutputStream blob = new ByteArrayOutputStream();
    writeString(blob, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
    writeString(blob, exponent.toByteArray());
    writeString(blob, modulus.toByteArray());
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
