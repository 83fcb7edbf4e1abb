package dev.imagebake.builder.digitalocean;

import java.net.URI;
import java.net.URISyntaxException;

/** The API base URL: an absolute http(s) URL; requests resolve {@code v2/...} against it. */
final class ApiUrl {
  private ApiUrl() {}

  /** Why {@code url} cannot be the API's base URL, or null when it can. */
  static String problem(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return "parse \"" + url + "\": the URL must start with http:// or https://";
      }
      if (uri.getHost() == null) {
        return "parse \"" + url + "\": the URL has no host";
      }
      return null;
    } catch (URISyntaxException e) {
      return "parse \"" + url + "\": " + e.getReason();
    }
  }

  /** The base with a trailing slash, so that {@code v2/droplets} resolves below its path. */
  static URI base(String url) {
    return URI.create(url.endsWith("/") ? url : url + "/");
  }
}
