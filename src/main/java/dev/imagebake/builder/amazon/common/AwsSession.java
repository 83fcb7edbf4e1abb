package dev.imagebake.builder.amazon.common;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The EC2 clients of one build: one per region, sharing credentials and one url-connection HTTP
 * client, with a pinned retry strategy (standard mode, {@code max_retries}+1 attempts, exponential
 * backoff, no circuit breaker so long throttling bursts are survived).
 */
public final class AwsSession implements AutoCloseable {
  private static final int DEFAULT_MAX_RETRIES = 10;

  private final AccessConfig config;
  private final AwsTuning tuning;
  private final String buildRegion;
  private final AwsCredentialsProvider credentials;
  private final SdkHttpClient http;
  private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

  public AwsSession(AccessConfig config, AwsTuning tuning) {
    this.config = config;
    this.tuning = tuning;
    this.buildRegion = resolveRegion(config);
    this.credentials = credentials(config);
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
  }

  private static String resolveRegion(AccessConfig c) {
    if (c.region() != null && !c.region().isEmpty()) {
      return c.region();
    }
    var chain = DefaultAwsRegionProviderChain.builder();
    if (c.profile() != null && !c.profile().isEmpty()) {
      chain.profileName(c.profile());
    }
    try {
      return chain.build().getRegion().id();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "no region: set region in the builder, AWS_REGION, or a region in the AWS profile");
    }
  }

  private static AwsCredentialsProvider credentials(AccessConfig c) {
    if (c.accessKey() != null && !c.accessKey().isEmpty()) {
      return StaticCredentialsProvider.create(
          c.token() == null || c.token().isEmpty()
              ? AwsBasicCredentials.create(c.accessKey(), c.secretKey())
              : AwsSessionCredentials.create(c.accessKey(), c.secretKey(), c.token()));
    }
    if (c.profile() != null && !c.profile().isEmpty()) {
      var profile = ProfileCredentialsProvider.builder().profileName(c.profile());
      if (c.sharedCredentialsFile() != null && !c.sharedCredentialsFile().isEmpty()) {
        profile.profileFile(
            ProfileFile.builder()
                .content(Path.of(c.sharedCredentialsFile()))
                .type(ProfileFile.Type.CREDENTIALS)
                .build());
      }
      return profile.build();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  public String buildRegion() {
    return buildRegion;
  }

  public Ec2Client ec2() {
    return ec2(buildRegion);
  }

  public Ec2Client ec2(String region) {
    return clients.computeIfAbsent(region, this::newClient);
  }

  private Ec2Client newClient(String region) {
    int attempts = (config.maxRetries() == null ? DEFAULT_MAX_RETRIES : config.maxRetries()) + 1;
    var builder =
        Ec2Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClient(http)
            .overrideConfiguration(
                o ->
                    o.addExecutionInterceptor(new AwsCallLog())
                        .retryStrategy(
                            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(attempts)
                                .backoffStrategy(
                                    BackoffStrategy.exponentialDelayHalfJitter(
                                        tuning.base(), Duration.ofSeconds(20)))
                                .throttlingBackoffStrategy(
                                    BackoffStrategy.exponentialDelayHalfJitter(
                                        tuning.throttlingBase(), Duration.ofSeconds(20)))
                                .circuitBreakerEnabled(false)
                                .build())
                        .apiCallAttemptTimeout(Duration.ofSeconds(90)));
    if (config.customEndpointEc2() != null && !config.customEndpointEc2().isEmpty()) {
      builder.endpointOverride(URI.create(config.customEndpointEc2()));
    }
    return builder.build();
  }

  @Override
  public void close() {
    clients.values().forEach(Ec2Client::close);
    http.close();
  }
}
