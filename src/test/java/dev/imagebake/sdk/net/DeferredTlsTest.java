package dev.imagebake.sdk.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeferredTlsTest {
  @TempDir Path dir;

  @Test
  void aClientThatSpeaksPlainHttpNeverMakesItsContext() throws Exception {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", DeferredTlsTest::hello);
    server.start();
    try {
      AtomicInteger made = new AtomicInteger();
      HttpClient client =
          DeferredTls.configure(HttpClient.newBuilder(), counting(made, () -> null)).build();
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

      for (int i = 0; i < 2; i++) {
        HttpResponse<String> answer =
            client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).isEqualTo("hello");
      }
      assertThat(made).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anHttpsCallMakesTheContextOnceAndTrustsWhatItTrusts() throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "EC",
                "-alias",
                "server",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "testpass")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "testpass".toCharArray());
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, "testpass".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(km.getKeyManagers(), null, null);
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.createContext("/", DeferredTlsTest::hello);
    server.start();
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("server", keys.getCertificate("server"));
      TrustManagerFactory tm =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tm.init(trusted);
      AtomicInteger made = new AtomicInteger();
      HttpClient client =
          DeferredTls.configure(
                  HttpClient.newBuilder(),
                  counting(
                      made,
                      () -> {
                        try {
                          SSLContext tls = SSLContext.getInstance("TLS");
                          tls.init(null, tm.getTrustManagers(), null);
                          return tls;
                        } catch (Exception e) {
                          throw new IllegalStateException(e);
                        }
                      }))
              .build();
      URI uri = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/");

      // HTTP/2 is offered (ALPN), as by a client with the JDK's default parameters; this server
      // answers in HTTP/1.1.
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(uri).version(HttpClient.Version.HTTP_2).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body()).isEqualTo("hello");
      }
      assertThat(made).hasValue(1);

      // The JDK's own trust store does not hold the test certificate: the call is refused.
      HttpClient jdkTrust = DeferredTls.configure(HttpClient.newBuilder()).build();
      assertThatThrownBy(
              () ->
                  jdkTrust.send(
                      HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    } finally {
      server.stop(0);
    }
  }

  private static Supplier<SSLContext> counting(AtomicInteger made, Supplier<SSLContext> make) {
    return () -> {
      made.incrementAndGet();
      return make.get();
    };
  }

  private static void hello(HttpExchange exchange) throws IOException {
    byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }
}
