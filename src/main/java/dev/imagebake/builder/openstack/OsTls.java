package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.net.DeferredTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS of the API calls: the JDK's trust store, or {@code cacert}'s certificates, or none at all
 * with {@code insecure} (as Packer's InsecureSkipVerify); the client certificate of {@code cert}
 * and {@code key}.
 */
final class OsTls {
  private OsTls() {}

  /**
   * Sets {@code builder}'s TLS: the JDK's defaults, set up on the first https call (an identity
   * endpoint on plain http never pays for the trust store), or, with {@code insecure}, {@code
   * cacert} or a client certificate, a context made now so that a bad file fails before any call.
   */
  static HttpClient.Builder configure(HttpClient.Builder builder, OsCredentials c) {
    boolean custom =
        c.insecure()
            || c.cacert() != null
            || (c.cert() != null && !c.cert().isEmpty() && c.key() != null && !c.key().isEmpty());
    return custom ? builder.sslContext(context(c)) : DeferredTls.configure(builder);
  }

  static SSLContext context(OsCredentials c) {
    try {
      SSLContext ssl = SSLContext.getInstance("TLS");
      TrustManager[] trust = null;
      if (c.insecure()) {
        trust = new TrustManager[] {new TrustAll()};
      } else if (c.cacert() != null) {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(Path.of(c.cacert()))) {
          int i = 0;
          for (Certificate cert :
              CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            store.setCertificateEntry("ca" + i++, cert);
          }
        }
        TrustManagerFactory f =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        trust = f.getTrustManagers();
      }
      // As Packer: a client certificate only when both files are given.
      KeyManager[] keys =
          c.cert() != null && !c.cert().isEmpty() && c.key() != null && !c.key().isEmpty()
              ? ClientCertificate.keyManagers(c.cert(), c.key())
              : null;
      ssl.init(keys, trust, new SecureRandom());
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new OsApiException("Error reading cacert " + c.cacert() + ": " + e.getMessage(), e);
    }
  }

  /** {@code insecure: true}: any certificate. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
