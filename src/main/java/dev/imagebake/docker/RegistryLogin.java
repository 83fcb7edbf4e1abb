package dev.imagebake.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;

/**
 * Credentials for one registry, given to the engine with each pull or push instead of being written
 * to {@code ~/.docker/config.json} as {@code docker login} does (nothing is left behind, so
 * Packer's "Logging out..." has nothing to undo).
 *
 * @param server the registry ({@code login_server}); empty means Docker Hub
 * @param username the user
 * @param password the password or token; never printed
 */
public record RegistryLogin(String server, String username, String password) {
  public AuthConfig authConfig() {
    AuthConfig auth = new AuthConfig().withUsername(username).withPassword(password);
    if (server != null && !server.isEmpty()) {
      auth.withRegistryAddress(server);
    }
    return auth;
  }

  /**
   * Asks the registry, through the engine, whether the credentials are accepted (what {@code docker
   * login} does).
   *
   * @throws RuntimeException with the registry's answer when they are not
   */
  public void verify(DockerClient client) {
    client.authCmd().withAuthConfig(authConfig()).exec();
  }

  @Override
  public String toString() {
    return "RegistryLogin[" + server + ", " + username + "]";
  }
}
