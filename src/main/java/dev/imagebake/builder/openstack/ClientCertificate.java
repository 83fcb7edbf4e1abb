package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.io.Der;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;

/**
 * {@code cert} / {@code key}: the TLS client certificate of the API calls, read as Go's {@code
 * tls.LoadX509KeyPair} reads it: PEM certificates (the first is the client's), and an unencrypted
 * PEM private key in PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) form that matches the certificate; with
 * Go's messages.
 */
final class ClientCertificate {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final char[] NO_PASSWORD = new char[0];
  // id-ecPublicKey (1.2.840.10045.2.1), as DER.
  private static final byte[] EC_OID = hex("06072a8648ce3d0201");

  private ClientCertificate() {}

  /** Key managers presenting the pair; an error names the file and Go's reason. */
  static KeyManager[] keyManagers(String certFile, String keyFile) {
    try {
      List<X509Certificate> chain = certificates(read(certFile));
      PrivateKey key = privateKey(read(keyFile));
      if (!matches(key, chain.get(0))) {
        throw new GeneralSecurityException("tls: private key does not match public key");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
      KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      f.init(store, NO_PASSWORD);
      return f.getKeyManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new OsApiException(
          "Error loading the client certificate (cert "
              + certFile
              + ", key "
              + keyFile
              + "): "
              + e.getMessage(),
          e);
    }
  }

  private static String read(String file) throws IOException {
    try {
      return Files.readString(Path.of(file), StandardCharsets.ISO_8859_1);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("open " + file + ": no such file or directory", e);
    }
  }

  private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    List<X509Certificate> chain = new ArrayList<>();
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    Matcher m = PEM.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals("CERTIFICATE")) {
        chain.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(decode(m.group(2)))));
      }
    }
    if (chain.isEmpty()) {
      throw new GeneralSecurityException("tls: failed to find any PEM data in certificate input");
    }
    return chain;
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = PEM.matcher(pem);
    List<String> skipped = new ArrayList<>();
    while (m.find()) {
      String type = m.group(1);
      if (!type.equals("PRIVATE KEY") && !type.endsWith(" PRIVATE KEY")) {
        skipped.add(type);
        continue;
      }
      byte[] der = decode(m.group(2));
      byte[] pkcs8 =
          switch (type) {
            case "RSA PRIVATE KEY" -> Der.pkcs8OfRsa(der);
            case "EC PRIVATE KEY" -> Der.pkcs8(Der.tlv(0x30, EC_OID, curveOf(der)), der);
            default -> der;
          };
      for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
          // Try the next kind, as Go does.
        }
      }
      throw new GeneralSecurityException("tls: failed to parse private key");
    }
    if (skipped.isEmpty()) {
      throw new GeneralSecurityException("tls: failed to find any PEM data in key input");
    }
    throw new GeneralSecurityException(
        "tls: failed to find \"PRIVATE KEY\" PEM block in key input after skipping PEM blocks of"
            + " the following types: "
            + skipped);
  }

  /** The named-curve OID of a SEC 1 ECPrivateKey: its [0] parameters. */
  private static byte[] curveOf(byte[] sec1) throws GeneralSecurityException {
    // SEQUENCE { INTEGER 1, OCTET STRING key, [0] { OID curve }, [1] { BIT STRING } }
    int[] seq = header(sec1, 0);
    int i = seq[0];
    int end = seq[0] + seq[1];
    while (i < end) {
      int tag = sec1[i] & 0xff;
      int[] h = header(sec1, i);
      if (tag == 0xa0) {
        int[] oid = header(sec1, h[0]);
        return java.util.Arrays.copyOfRange(sec1, h[0], oid[0] + oid[1]);
      }
      i = h[0] + h[1];
    }
    throw new GeneralSecurityException("tls: failed to parse private key");
  }

  /** The content's offset and length of the DER element at {@code at}. */
  private static int[] header(byte[] der, int at) throws GeneralSecurityException {
    if (at + 2 > der.length) {
      throw new GeneralSecurityException("tls: failed to parse private key");
    }
    int first = der[at + 1] & 0xff;
    if (first < 0x80) {
      return new int[] {at + 2, first};
    }
    int n = first & 0x7f;
    if (n > 3 || at + 2 + n > der.length) {
      throw new GeneralSecurityException("tls: failed to parse private key");
    }
    int length = 0;
    for (int k = 0; k < n; k++) {
      length = (length << 8) | (der[at + 2 + k] & 0xff);
    }
    return new int[] {at + 2 + n, length};
  }

  /** Whether the key signs what the certificate's public key verifies. */
  private static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm();
        };
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] decode(String base64) {
    return Base64.getMimeDecoder().decode(base64);
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
