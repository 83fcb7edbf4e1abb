package dev.imagebake.builder.digitalocean;

import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.config.ConfigCheck;
import java.nio.file.Files;
import java.util.regex.Pattern;

/**
 * {@code "type": "digitalocean"}. Checks every key offline with Packer 1.6.6's messages; nothing
 * calls the API before a build.
 */
public final class DigitalOceanBuilderFactory implements BuilderFactory<DigitalOceanConfig> {
  /** Go's {@code ^[[:alnum:]:_-]{1,255}$} (ASCII classes, as in Go's regexp). */
  private static final Pattern TAG = Pattern.compile("^[A-Za-z0-9:_-]{1,255}$");

  @Override
  public String type() {
    return "digitalocean";
  }

  @Override
  public Class<DigitalOceanConfig> configType() {
    return DigitalOceanConfig.class;
  }

  @Override
  public void check(DigitalOceanConfig c, ConfigCheck check) {
    if (blank(ApiToken.resolve(c.apiToken(), check::environment))) {
      check.error("api_token", "api_token for auth must be specified");
    }
    String url = blank(c.apiUrl()) ? check.environment(ApiToken.URL_VARIABLE) : c.apiUrl();
    if (!blank(url)) {
      String problem = ApiUrl.problem(url);
      if (problem != null) {
        String message = "DigitalOcean: Invalid API URL, " + problem + ".";
        if (blank(c.apiUrl())) {
          check.error(message + " (from " + ApiToken.URL_VARIABLE + ")");
        } else {
          check.error("api_url", message);
        }
      }
    }
    if (blank(c.region())) {
      check.error("region", "region is required");
    }
    if (blank(c.size())) {
      check.error("size", "size is required");
    }
    if (blank(c.image())) {
      check.error("image", "image is required");
    }
    if (!blank(c.userData()) && !blank(c.userDataFile())) {
      check.error("user_data_file", "only one of user_data or user_data_file can be specified");
    } else if (!blank(c.userDataFile()) && !Files.exists(check.resolve(c.userDataFile()))) {
      check.error("user_data_file", "user_data_file not found: " + c.userDataFile());
    }
    for (int i = 0; i < c.tags().size(); i++) {
      String tag = c.tags().get(i);
      if (tag == null || !TAG.matcher(tag).matches()) {
        check.error("tags/" + i, "invalid tag: " + (tag == null ? "" : tag));
      }
    }
    if (!blank(c.vpcUuid()) && !c.privateNetworkingOn()) {
      check.error("vpc_uuid", "private networking should be enabled to use vpc_uuid");
    }
    if (c.connectWithPrivateIpOn() && !c.privateNetworkingOn()) {
      check.error(
          "connect_with_private_ip",
          "private networking should be enabled to use connect_with_private_ip");
    }
  }

  @Override
  public Builder create(DigitalOceanConfig config) {
    return new DigitalOceanBuilder(config, DoTuning.standard());
  }

  static boolean blank(String s) {
    return s == null || s.isEmpty();
  }
}
