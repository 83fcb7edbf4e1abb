package dev.imagebake.builder.openstack;

import dev.imagebake.sdk.config.Doc;
import dev.imagebake.sdk.config.Secret;

/** How to reach OpenStack: Keystone v3 credentials, region, endpoint type, TLS (§5.6). */
public record OsAccessConfig(
    @Doc("User name (OS_USERNAME).") String username,
    @Doc("User id (OS_USER_ID).") String userId,
    @Doc("Password (OS_PASSWORD).") @Secret String password,
    @Doc("Keystone URL, e.g. https://keystone:5000/v3 (OS_AUTH_URL).") String identityEndpoint,
    @Doc("Project id (OS_PROJECT_ID, OS_TENANT_ID).") String tenantId,
    @Doc("Project name (OS_PROJECT_NAME, OS_TENANT_NAME).") String tenantName,
    @Doc("Domain id of the user and project (OS_DOMAIN_ID).") String domainId,
    @Doc("Domain name of the user and project (OS_DOMAIN_NAME).") String domainName,
    @Doc("Do not verify the TLS certificates of the endpoints.") Boolean insecure,
    @Doc("Region of the endpoints (OS_REGION_NAME).") String region,
    @Doc("Which endpoints to use: public (default), internal or admin.") String endpointType,
    @Doc("CA bundle (PEM) to verify the endpoints with (OS_CACERT).") String cacert,
    @Doc("Client certificate (PEM) for TLS (OS_CERT).") String cert,
    @Doc("Client key (PEM) for TLS (OS_KEY).") String key,
    @Doc("A Keystone token to authenticate with (OS_TOKEN).") @Secret String token,
    @Doc("Application credential name (OS_APPLICATION_CREDENTIAL_NAME).")
        String applicationCredentialName,
    @Doc("Application credential id (OS_APPLICATION_CREDENTIAL_ID).")
        String applicationCredentialId,
    @Doc("Application credential secret (OS_APPLICATION_CREDENTIAL_SECRET).") @Secret
        String applicationCredentialSecret,
    @Doc("Cloud of clouds.yaml to take the settings from (OS_CLOUD).") String cloud) {

  /** Never shows the credentials, only whether they are set. */
  @Override
  public String toString() {
    return "OsAccessConfig[identityEndpoint="
        + identityEndpoint
        + ", username="
        + username
        + ", region="
        + region
        + ", password="
        + (password == null ? "unset" : "set")
        + ", token="
        + (token == null ? "unset" : "set")
        + "]";
  }
}
