package dev.imagebake.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Opens a Docker Engine API client the way the docker CLI finds its engine: {@code DOCKER_HOST}
 * (default {@code unix:///var/run/docker.sock}), TLS when {@code DOCKER_TLS_VERIFY} is set, with
 * the certificates in {@code DOCKER_CERT_PATH} (default {@code ~/.docker}).
 */
public final class DockerEngine {
  static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private DockerEngine() {}

  /**
   * @param env the environment to read {@code DOCKER_*} from
   * @param home the user's home directory (for {@code ~/.docker})
   */
  public static DockerClient open(Map<String, String> env, Path home) {
    String host = nonEmpty(env.get("DOCKER_HOST"), DEFAULT_HOST);
    boolean tls = isTrue(env.get("DOCKER_TLS_VERIFY"));
    String dockerDir = home.resolve(".docker").toString();
    DefaultDockerClientConfig.Builder config =
        DefaultDockerClientConfig.createDefaultConfigBuilder()
            .withDockerHost(host)
            .withDockerTlsVerify(tls)
            .withDockerConfig(nonEmpty(env.get("DOCKER_CONFIG"), dockerDir));
    if (tls) {
      config.withDockerCertPath(nonEmpty(env.get("DOCKER_CERT_PATH"), dockerDir));
    }
    DefaultDockerClientConfig built = config.build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(URI.create(host))
            .sslConfig(built.getSSLConfig())
            .maxConnections(16)
            .connectionTimeout(Duration.ofSeconds(30))
            .build();
    return DockerClientImpl.getInstance(built, http);
  }

  /** {@link #open} with this process's environment and home directory. */
  public static DockerClient fromProcess() {
    return open(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  private static String nonEmpty(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static boolean isTrue(String value) {
    return value != null
        && !value.isEmpty()
        && !value.equals("0")
        && !value.equalsIgnoreCase("false");
  }
}
