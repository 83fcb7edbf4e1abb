package dev.imagebake.builder.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsaKeysTest {
  @Test
  void opensslMakesA2048BitPairInTheJdksFormat() throws Exception {
    RsaKeys.Pair pair = RsaKeys.fromOpenssl(RsaKeys.OPENSSL).orElseThrow();
    assertMatchingPair(pair);
  }

  @Test
  void theJdkMakesA2048BitPairToo() throws Exception {
    assertMatchingPair(RsaKeys.generateInJdk());
  }

  @Test
  void twoPairsDiffer() {
    assertThat(RsaKeys.generate().publicKeyLine()).isNotEqualTo(RsaKeys.generate().publicKeyLine());
  }

  @Test
  void nothingFromACommandThatIsMissingFailsOrPrintsSomethingElse() {
    assertThat(RsaKeys.fromOpenssl(List.of("/nonexistent/openssl"))).isEmpty();
    assertThat(RsaKeys.fromOpenssl(List.of("false"))).isEmpty();
    assertThat(RsaKeys.fromOpenssl(List.of("echo", "-----BEGIN PRIVATE KEY-----"))).isEmpty();
    // A valid key of the wrong size.
    assertThat(
            RsaKeys.fromOpenssl(
                List.of(
                    "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024")))
        .isEmpty();
  }

  private static void assertMatchingPair(RsaKeys.Pair pair) throws Exception {
    String pem = pair.privateKeyPem();
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("\n-----END PRIVATE KEY-----\n");
    String body = pem.replaceAll("-----[A-Z ]+-----", "").strip();
    assertThat(body.lines()).allMatch(l -> l.length() <= 64);
    PrivateKey priv =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    assertThat(((RSAPrivateCrtKey) priv).getModulus().bitLength()).isEqualTo(2048);

    assertThat(pair.publicKeyLine()).startsWith("ssh-rsa ").doesNotContain("\n");
    PublicKey pub = publicKey(pair.publicKeyLine().substring("ssh-rsa ".length()));
    byte[] data = "imagebake".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(priv);
    signer.update(data);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(pub);
    verifier.update(data);
    assertThat(verifier.verify(signature)).isTrue();
  }

  private static PublicKey publicKey(String base64) throws Exception {
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    assertThat(new String(string(in), StandardCharsets.US_ASCII)).isEqualTo("ssh-rsa");
    BigInteger e = new BigInteger(string(in));
    BigInteger n = new BigInteger(string(in));
    assertThat(in.available()).isZero();
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
  }

  private static byte[] string(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
