package dev.imagebake.docker;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * Packer's {@code ecr_login} ({@code EcrGetLogin}): the account and region come from {@code
 * login_server} ({@code <account>.dkr.ecr.<region>.amazonaws.com}), ECR's GetAuthorizationToken for
 * that account gives a token that decodes to {@code user:password}, which then log in to {@code
 * login_server} like {@code login_username} and {@code login_password}.
 *
 * <p>Credentials: {@code aws_access_key}/{@code aws_secret_key} (with {@code aws_token}), else
 * {@code aws_profile}, else the build's environment ({@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_PROFILE}), else the SDK's default
 * chain. The ECR endpoint is the region's unless {@code AWS_ENDPOINT_URL_ECR} or {@code
 * AWS_ENDPOINT_URL} names another, as for every AWS SDK (Packer 1.6.6 has no such setting).
 *
 * @param accessKey {@code aws_access_key}, or null
 * @param secretKey {@code aws_secret_key}, or null
 * @param token {@code aws_token}, or null
 * @param profile {@code aws_profile}, or null
 */
public record EcrLogin(String accessKey, String secretKey, String token, String profile) {
  // Packer's expression, unanchored as Go's FindStringSubmatch uses it.
  private static final Pattern SERVER =
      Pattern.compile("(?:http://|https://|)([0-9]*)\\.dkr\\.ecr\\.(.*)\\.amazonaws\\.com.*");

  /** The account and region of an ECR registry. */
  public record Registry(String account, String region) {}

  /**
   * Parses {@code login_server}.
   *
   * @return empty when it is not an ECR registry's address
   */
  public static Optional<Registry> parse(String loginServer) {
    Matcher m = SERVER.matcher(loginServer == null ? "" : loginServer);
    return m.find() ? Optional.of(new Registry(m.group(1), m.group(2))) : Optional.empty();
  }

  /** Packer's error for a {@code login_server} {@link #parse} does not accept. */
  public static String parseError(String loginServer) {
    return "Failed to parse the ECR URL: "
        + loginServer
        + " it should be on the form <account number>.dkr.ecr.<region>.amazonaws.com";
  }

  /**
   * Gets a token from ECR and decodes it.
   *
   * @param env the build's environment (credentials, profile, endpoint)
   * @param home the user's home directory (for {@code ~/.aws})
   * @return the login for {@code loginServer}; its password is the token's (a secret)
   * @throws IllegalStateException with the reason, in Packer's words where Packer has them
   */
  public RegistryLogin login(String loginServer, Map<String, String> env, Path home) {
    Registry registry =
        parse(loginServer).orElseThrow(() -> new IllegalStateException(parseError(loginServer)));
    String encoded;
    try (SdkHttpClient http =
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
        EcrClient ecr = client(registry.region(), env, home, http)) {
      var answer = ecr.getAuthorizationToken(b -> b.registryIds(registry.account()));
      encoded =
          answer.authorizationData().stream()
              .map(AuthorizationData::authorizationToken)
              .filter(t -> t != null && !t.isEmpty())
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("ECR returned no authorization token"));
    } catch (SdkException | IllegalArgumentException e) {
      // The SDK's message: the service's error code and message, or why it could not call.
      throw new IllegalStateException(e.getMessage(), e);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Error decoding ECR AuthorizationToken: " + e.getMessage());
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new IllegalStateException(
          "Error decoding ECR AuthorizationToken: it is not user:password");
    }
    return new RegistryLogin(
        loginServer, decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private EcrClient client(String region, Map<String, String> env, Path home, SdkHttpClient http) {
    EcrClientBuilder builder =
        EcrClient.builder()
            .region(Region.of(region))
            .httpClient(http)
            .credentialsProvider(credentials(env, home));
    String endpoint = nonEmpty(env.get("AWS_ENDPOINT_URL_ECR"), env.get("AWS_ENDPOINT_URL"));
    if (endpoint != null) {
      builder.endpointOverride(URI.create(endpoint));
    }
    return builder.build();
  }

  private AwsCredentialsProvider credentials(Map<String, String> env, Path home) {
    if (accessKey != null && !accessKey.isEmpty()) {
      return fixed(accessKey, secretKey, nonEmpty(token, env.get("AWS_SESSION_TOKEN")));
    }
    String named = nonEmpty(profile, env.get("AWS_PROFILE"));
    if (named != null) {
      var file = env.get("AWS_SHARED_CREDENTIALS_FILE");
      var builder = ProfileCredentialsProvider.builder().profileName(named);
      if (file == null || file.isEmpty()) {
        Path defaultFile = home.resolve(".aws").resolve("credentials");
        if (java.nio.file.Files.exists(defaultFile)) {
          file = defaultFile.toString();
        }
      }
      if (file != null && !file.isEmpty()) {
        builder.profileFile(
            software.amazon.awssdk.profiles.ProfileFile.builder()
                .content(Path.of(file))
                .type(software.amazon.awssdk.profiles.ProfileFile.Type.CREDENTIALS)
                .build());
      }
      return builder.build();
    }
    String envKey = env.get("AWS_ACCESS_KEY_ID");
    if (envKey != null && !envKey.isEmpty()) {
      return fixed(envKey, env.get("AWS_SECRET_ACCESS_KEY"), env.get("AWS_SESSION_TOKEN"));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static AwsCredentialsProvider fixed(String key, String secret, String session) {
    String s = secret == null ? "" : secret;
    return StaticCredentialsProvider.create(
        session == null || session.isEmpty()
            ? AwsBasicCredentials.create(key, s)
            : AwsSessionCredentials.create(key, s, session));
  }

  private static String nonEmpty(String first, String second) {
    if (first != null && !first.isEmpty()) {
      return first;
    }
    return second == null || second.isEmpty() ? null : second;
  }

  @Override
  public String toString() {
    return "EcrLogin[" + (accessKey == null ? "" : accessKey) + ", " + profile + "]";
  }
}
