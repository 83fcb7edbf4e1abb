package dev.imagebake.builder.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.openstack.OsLeaks;
import dev.imagebake.ui.BuildReport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cert / key against the local OpenStack served over HTTPS by a server that demands a client
 * certificate of its CA; the keys and certificates are made by OpenSSL (PKCS#1 RSA, SEC 1 EC and
 * PKCS#8 keys, as Go's tls.LoadX509KeyPair reads them).
 */
class OpenstackClientCertificateTest {
  @TempDir static Path dir;
  private static OsHarness h;
  private static SSLContext serverTls;

  @BeforeAll
  static void start() throws Exception {
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=imagebake test CA");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1\n");
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1");
    sign("server", "-extfile", "san.ext");
    openssl(
        "pkcs12",
        "-export",
        "-in",
        "server.pem",
        "-inkey",
        "server.key",
        "-out",
        "server.p12",
        "-passout",
        "pass:test");
    openssl("genrsa", "-traditional", "-out", "rsa.key", "2048");
    client("rsa");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
    client("ec");
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", "ec.key", "-out", "ec-pkcs8.key");
    serverTls = serverContext();
    h = new OsHarness();
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static void client(String name) throws Exception {
    openssl(
        "req",
        "-new",
        "-key",
        name + ".key",
        "-out",
        name + ".csr",
        "-subj",
        "/CN=imagebake-" + name);
    sign(name);
  }

  private static void sign(String name, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".pem",
                "-days",
                "2"));
    args.addAll(List.of(extra));
    openssl(args.toArray(String[]::new));
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("openssl.log").toFile())
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("openssl.log"))).isZero();
  }

  /** The server's certificate, and the test CA as the only issuer of client certificates. */
  private static SSLContext serverContext() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("server.p12"))) {
      keys.load(in, "test".toCharArray());
    }
    KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    km.init(keys, "test".toCharArray());
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("ca.pem"))) {
      trust.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tm =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tm.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(km.getKeyManagers(), tm.getTrustManagers(), null);
    return tls;
  }

  private static OsHarness.Outcome build(String cert, String key) {
    h.reset(serverTls);
    String extra =
        "{\"cacert\":\""
            + dir.resolve("ca.pem")
            + "\""
            + (cert == null ? "" : ",\"cert\":\"" + dir.resolve(cert) + "\"")
            + (key == null ? "" : ",\"key\":\"" + dir.resolve(key) + "\"")
            + "}";
    return h.build(h.block(extra), List.of("true"));
  }

  private static void assertSucceeded(OsHarness.Outcome out) {
    assertThat(out.report().outcome()).as(out.console()).isEqualTo(BuildReport.Outcome.SUCCEEDED);
    assertThat(h.os.callNames())
        .contains("cinder POST /volumes/{id}/action os-volume_upload_image");
  }

  @Test
  void anRsaKeyInPkcs1Form() {
    assertThat(h).isNotNull();
    assertSucceeded(build("rsa.pem", "rsa.key"));
  }

  @Test
  void anEcKeyInSec1AndInPkcs8Form() {
    assertSucceeded(build("ec.pem", "ec.key"));
    assertSucceeded(build("ec.pem", "ec-pkcs8.key"));
  }

  @Test
  void withoutACertificateTheServerRefusesTheHandshake() {
    var out = build(null, null);
    assertThat(out.report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(out.console()).contains("Error authenticating with OpenStack");
    // The handshake fails before any request reaches the endpoint.
    assertThat(h.os.callNames()).isEmpty();
    // A cert without its key presents nothing, as in Packer.
    out = build("rsa.pem", null);
    assertThat(out.report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(h.os.callNames()).isEmpty();
  }

  @Test
  void badPairsFailWithGosMessagesBeforeAnyCall() {
    var out = build("rsa.pem", "ec.key");
    assertThat(out.report().outcome()).isEqualTo(BuildReport.Outcome.ERRORED);
    assertThat(out.console()).contains("tls: private key does not match public key");
    out = build("rsa.pem", "rsa.pem");
    assertThat(out.console())
        .contains(
            "tls: failed to find \"PRIVATE KEY\" PEM block in key input after skipping PEM blocks"
                + " of the following types: [CERTIFICATE]");
    out = build("rsa.key", "rsa.key");
    assertThat(out.console()).contains("tls: failed to find any PEM data in certificate input");
    out = build("rsa.pem", "missing.key");
    assertThat(out.console()).contains("open " + dir.resolve("missing.key") + ": no such file");
    assertThat(h.os.callNames()).isEmpty();
    assertThat(OsLeaks.find(h.os.world(), OsLeaks.baseline(h.os.world()), Set.of())).isEmpty();
  }
}
