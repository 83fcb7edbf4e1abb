package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Secret;

/** How to reach AWS: credentials, region, endpoint, retries and polling (reference §5.3.1). */
public record AccessConfig(
    @Doc("AWS access key id; default: the credential chain (env, profile, instance role).") @Secret
        String accessKey,
    @Doc("AWS secret access key.") @Secret String secretKey,
    @Doc("Session token of temporary credentials.") @Secret String token,
    @Doc("Profile of ~/.aws/credentials and ~/.aws/config to use.") String profile,
    @Doc("Credentials file to read the profile from.") String sharedCredentialsFile,
    @Doc("Region to build in; default: the region chain (AWS_REGION, profile).") String region,
    @Doc("EC2 endpoint URL to use instead of AWS's.") String customEndpointEc2,
    @Doc("Accept regions that are not in the known list (custom or new regions).")
        Boolean skipRegionValidation,
    @Doc("Accepted for compatibility; credentials are checked on first use.")
        Boolean skipCredentialValidation,
    @Doc("Accepted for compatibility; ignored.") Boolean skipMetadataApiCheck,
    @Doc("Attempts of every AWS call (default 10), throttling included.") Integer maxRetries,
    @Doc("Accepted for compatibility; TLS is always verified.") Boolean insecureSkipTlsVerify,
    @Doc("Accepted for compatibility; ignored.") Boolean decodeAuthorizationMessages,
    @Doc("How the waiters poll AWS.") AwsPolling awsPolling) {

  /** Never shows the credentials, only whether they are set. */
  @Override
  public String toString() {
    return "AccessConfig[region="
        + region
        + ", profile="
        + profile
        + ", accessKey="
        + (accessKey == null ? "unset" : "set")
        + ", secretKey="
        + (secretKey == null ? "unset" : "set")
        + ", token="
        + (token == null ? "unset" : "set")
        + ", customEndpointEc2="
        + customEndpointEc2
        + "]";
  }

  public boolean skipRegionValidationOrFalse() {
    return Boolean.TRUE.equals(skipRegionValidation);
  }
}
