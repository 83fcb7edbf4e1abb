package dev.imagebake.sdk.net;

import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * TLS for an {@link HttpClient} that is set up on the first TLS connection instead of when the
 * client is built.
 *
 * <p>Why: {@code HttpClient.newBuilder().build()} asks for the JDK's default {@link SSLContext} and
 * its default parameters at once, which reads and parses the whole trust store: about 0.3 s of a
 * cold JVM on the development machines, paid before the first call even when every URL is plain
 * {@code http} (a local OpenStack, a test endpoint). With {@link #configure} that cost moves to the
 * first {@code https} connection, and a client that speaks plain http never pays it.
 *
 * <p>The parameters given to the client name the JDK's client protocols (TLS 1.3 and 1.2, or those
 * of {@code jdk.tls.client.protocols}) and leave the cipher suites to the context, which is what
 * the default parameters hold; the HTTP client adds ALPN, SNI and host name verification to them
 * per connection as it always does.
 */
public final class DeferredTls {
  /** The protocols the JDK's default client context enables when no property names others. */
  private static final String DEFAULT_PROTOCOLS = "TLSv1.3,TLSv1.2";

  private DeferredTls() {}

  /**
   * Gives {@code builder} a context made by {@code context} on the first TLS connection (once; a
   * failure is thrown to that connection and tried again by the next), and parameters that do not
   * need the context.
   */
  public static HttpClient.Builder configure(
      HttpClient.Builder builder, Supplier<SSLContext> context) {
    SSLParameters parameters = new SSLParameters();
    // The protocols must be named: the HTTP client offers HTTP/2 only when they include TLS 1.2 or
    // 1.3. The JDK's property for them is honoured as its own default context honours it.
    String protocols = System.getProperty("jdk.tls.client.protocols", "");
    parameters.setProtocols(
        (protocols.isBlank() ? DEFAULT_PROTOCOLS : protocols.strip()).split("\\s*,\\s*"));
    return builder.sslContext(context(context)).sslParameters(parameters);
  }

  /** The JDK's default context, on first use: what a client without {@link #configure} uses. */
  public static HttpClient.Builder configure(HttpClient.Builder builder) {
    return configure(builder, DeferredTls::jdkDefault);
  }

  /** A context that delegates to the one {@code context} makes, made on first use. */
  static SSLContext context(Supplier<SSLContext> context) {
    return new SSLContext(new Spi(context), null, "TLS") {};
  }

  private static SSLContext jdkDefault() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS in this JDK: " + e.getMessage(), e);
    }
  }

  /** Every call but {@code init} goes to the context made on first use. */
  private static final class Spi extends SSLContextSpi {
    private final Supplier<SSLContext> make;
    private SSLContext made;

    Spi(Supplier<SSLContext> make) {
      this.make = make;
    }

    private synchronized SSLContext delegate() {
      if (made == null) {
        made = make.get();
      }
      return made;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr)
        throws KeyManagementException {
      throw new KeyManagementException("a deferred context is made by its supplier");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return delegate().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return delegate().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return delegate().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return delegate().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return delegate().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return delegate().getSupportedSSLParameters();
    }
  }
}
