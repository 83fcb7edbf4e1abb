package dev.imagebake.builder.openstack;

import java.util.Map;

/**
 * What Keystone v3 is asked with, after the block's keys, the {@code OS_*} (and Packer's {@code
 * SDK_*}) environment variables and {@code clouds.yaml} were merged, in that order of precedence.
 * Never printed: {@link #toString} hides the secrets.
 */
record OsCredentials(
    String authUrl,
    String username,
    String userId,
    String password,
    String userDomainId,
    String userDomainName,
    String projectId,
    String projectName,
    String projectDomainId,
    String projectDomainName,
    String token,
    String applicationCredentialId,
    String applicationCredentialName,
    String applicationCredentialSecret,
    String region,
    String endpointInterface,
    boolean insecure,
    String cacert,
    String cert,
    String key) {

  /** The block's keys over the environment over {@code cloud} (null: none). */
  static OsCredentials resolve(
      OsAccessConfig c, Map<String, String> env, Map<String, String> cloud) {
    Map<String, String> yaml = cloud == null ? Map.of() : cloud;
    String domainId = first(c.domainId(), env.get("OS_DOMAIN_ID"), yaml.get("domain_id"));
    String domainName = first(c.domainName(), env.get("OS_DOMAIN_NAME"), yaml.get("domain_name"));
    return new OsCredentials(
        first(c.identityEndpoint(), env.get("OS_AUTH_URL"), yaml.get("auth_url")),
        first(c.username(), env.get("SDK_USERNAME"), env.get("OS_USERNAME"), yaml.get("username")),
        first(c.userId(), env.get("OS_USER_ID"), yaml.get("user_id")),
        first(c.password(), env.get("SDK_PASSWORD"), env.get("OS_PASSWORD"), yaml.get("password")),
        first(env.get("OS_USER_DOMAIN_ID"), yaml.get("user_domain_id"), domainId),
        first(env.get("OS_USER_DOMAIN_NAME"), yaml.get("user_domain_name"), domainName),
        first(
            c.tenantId(),
            env.get("OS_PROJECT_ID"),
            env.get("OS_TENANT_ID"),
            yaml.get("project_id"),
            yaml.get("tenant_id")),
        first(
            c.tenantName(),
            env.get("SDK_PROJECT"),
            env.get("OS_PROJECT_NAME"),
            env.get("OS_TENANT_NAME"),
            yaml.get("project_name"),
            yaml.get("tenant_name")),
        first(env.get("OS_PROJECT_DOMAIN_ID"), yaml.get("project_domain_id"), domainId),
        first(env.get("OS_PROJECT_DOMAIN_NAME"), yaml.get("project_domain_name"), domainName),
        first(c.token(), env.get("OS_TOKEN"), yaml.get("token")),
        first(
            c.applicationCredentialId(),
            env.get("OS_APPLICATION_CREDENTIAL_ID"),
            yaml.get("application_credential_id")),
        first(
            c.applicationCredentialName(),
            env.get("OS_APPLICATION_CREDENTIAL_NAME"),
            yaml.get("application_credential_name")),
        first(
            c.applicationCredentialSecret(),
            env.get("OS_APPLICATION_CREDENTIAL_SECRET"),
            yaml.get("application_credential_secret")),
        first(
            c.region(), env.get("SDK_REGION"), env.get("OS_REGION_NAME"), yaml.get("region_name")),
        endpointInterface(first(c.endpointType(), yaml.get("interface"))),
        Boolean.TRUE.equals(c.insecure()) || "false".equals(yaml.get("verify")),
        first(c.cacert(), env.get("OS_CACERT"), yaml.get("cacert")),
        first(c.cert(), env.get("OS_CERT"), yaml.get("cert")),
        first(c.key(), env.get("OS_KEY"), yaml.get("key")));
  }

  /** Packer's endpoint_type values mapped to the catalog's interfaces. */
  static String endpointInterface(String endpointType) {
    if (endpointType == null) {
      return "public";
    }
    return switch (endpointType) {
      case "internal", "internalURL" -> "internal";
      case "admin", "adminURL" -> "admin";
      default -> "public";
    };
  }

  static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "OsCredentials[authUrl="
        + authUrl
        + ", username="
        + username
        + ", userId="
        + userId
        + ", project="
        + (projectId != null ? projectId : projectName)
        + ", region="
        + region
        + "]";
  }
}
