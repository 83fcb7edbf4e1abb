package dev.imagebake.builder.openstack;

import static dev.imagebake.builder.openstack.OsClient.obj;

import java.util.List;
import java.util.Map;

/**
 * The body of Keystone v3's {@code POST /auth/tokens}: application credentials, else a token, else
 * a password; scoped to the project by id, or by name within its domain (application credentials
 * carry their own scope).
 */
final class KeystoneAuth {
  private KeystoneAuth() {}

  static Map<String, Object> body(OsCredentials c) {
    Map<String, Object> identity;
    Map<String, Object> scope = null;
    if (c.applicationCredentialId() != null || c.applicationCredentialName() != null) {
      Map<String, Object> credential =
          c.applicationCredentialId() != null
              ? obj("id", c.applicationCredentialId(), "secret", c.applicationCredentialSecret())
              : obj(
                  "name",
                  c.applicationCredentialName(),
                  "secret",
                  c.applicationCredentialSecret(),
                  "user",
                  user(c, false));
      identity =
          obj("methods", List.of("application_credential"), "application_credential", credential);
    } else if (c.token() != null) {
      identity = obj("methods", List.of("token"), "token", obj("id", c.token()));
      scope = scope(c);
    } else {
      identity = obj("methods", List.of("password"), "password", obj("user", user(c, true)));
      scope = scope(c);
    }
    return obj("auth", obj("identity", identity, "scope", scope));
  }

  private static Map<String, Object> user(OsCredentials c, boolean withPassword) {
    Map<String, Object> user =
        c.userId() != null
            ? obj("id", c.userId())
            : obj("name", c.username(), "domain", domain(c.userDomainId(), c.userDomainName()));
    if (withPassword) {
      user.put("password", c.password() == null ? "" : c.password());
    }
    return user;
  }

  private static Map<String, Object> scope(OsCredentials c) {
    if (c.projectId() != null) {
      return obj("project", obj("id", c.projectId()));
    }
    if (c.projectName() != null) {
      return obj(
          "project",
          obj(
              "name",
              c.projectName(),
              "domain",
              domain(c.projectDomainId(), c.projectDomainName())));
    }
    return null;
  }

  private static Map<String, Object> domain(String id, String name) {
    if (id != null) {
      return obj("id", id);
    }
    return obj("name", name == null ? "Default" : name);
  }
}
