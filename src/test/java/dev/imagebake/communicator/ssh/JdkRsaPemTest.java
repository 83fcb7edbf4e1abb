package dev.imagebake.communicator.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RSA keys in PKCS#1 and PKCS#8 PEM, made by OpenSSL, read with the JDK; the rest left to sshj. */
class JdkRsaPemTest {
  @TempDir Path dir;

  private String openssl(String out, String... args) throws Exception {
    var command = new java.util.ArrayList<>(java.util.List.of("openssl"));
    command.addAll(java.util.List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return Files.readString(dir.resolve(out));
  }

  private static void assertUsable(KeyPair pair) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(pair.getPrivate());
    s.update(new byte[] {1, 2, 3});
    byte[] signature = s.sign();
    s.initVerify(pair.getPublic());
    s.update(new byte[] {1, 2, 3});
    assertThat(s.verify(signature)).isTrue();
  }

  @Test
  void pkcs1AndPkcs8RsaKeysAreReadAndMatch() throws Exception {
    String pkcs1 = openssl("rsa1.pem", "genrsa", "-traditional", "-out", "rsa1.pem", "2048");
    assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    KeyPair one = JdkRsaPem.read(pkcs1).orElseThrow();
    assertUsable(one);
    String pkcs8 =
        openssl("rsa8.pem", "pkcs8", "-topk8", "-nocrypt", "-in", "rsa1.pem", "-out", "rsa8.pem");
    assertThat(pkcs8).startsWith("-----BEGIN PRIVATE KEY-----");
    KeyPair eight = JdkRsaPem.read(pkcs8).orElseThrow();
    assertUsable(eight);
    assertThat(eight.getPublic()).isEqualTo(one.getPublic());
  }

  @Test
  void otherKeysAreLeftToSshj() throws Exception {
    String ec =
        openssl("ec.pem", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem");
    assertThat(JdkRsaPem.read(ec)).isEmpty();
    String ec8 =
        openssl("ec8.pem", "pkcs8", "-topk8", "-nocrypt", "-in", "ec.pem", "-out", "ec8.pem");
    assertThat(JdkRsaPem.read(ec8)).isEmpty();
    openssl("rsa1.pem", "genrsa", "-traditional", "-out", "rsa1.pem", "2048");
    String encrypted =
        openssl(
            "enc.pem",
            "rsa",
            "-in",
            "rsa1.pem",
            "-aes256",
            "-passout",
            "pass:x",
            "-traditional",
            "-out",
            "enc.pem");
    assertThat(JdkRsaPem.read(encrypted)).isEmpty();
    assertThat(
            JdkRsaPem.read("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n"))
        .isEmpty();
  }
}
