package dev.imagebake.sdk.io;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * The few DER encodings a plugin needs to hand a PEM private key to the JDK, whose key factories
 * read PKCS#8 only: OpenSSL's "traditional" forms (PKCS#1 RSA, SEC 1 EC) are wrapped into it.
 */
public final class Der {
  /** INTEGER 0, the version of a PKCS#8 PrivateKeyInfo. */
  private static final byte[] VERSION_0 = HexFormat.of().parseHex("020100");

  /** SEQUENCE { OID rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM =
      HexFormat.of().parseHex("300d06092a864886f70d0101010500");

  private Der() {}

  /** One element: {@code tag}, its definite length, and {@code parts} concatenated as content. */
  public static byte[] tlv(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    int n = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
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
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  /** A PKCS#8 PrivateKeyInfo of {@code algorithm} (an AlgorithmIdentifier) and its key. */
  public static byte[] pkcs8(byte[] algorithm, byte[] privateKey) {
    return tlv(0x30, VERSION_0, algorithm, tlv(0x04, privateKey));
  }

  /** A PKCS#8 PrivateKeyInfo of an RSA key in PKCS#1 form ({@code BEGIN RSA PRIVATE KEY}). */
  public static byte[] pkcs8OfRsa(byte[] pkcs1) {
    return pkcs8(RSA_ALGORITHM, pkcs1);
  }
}
