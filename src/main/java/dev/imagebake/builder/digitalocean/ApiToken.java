package dev.imagebake.builder.digitalocean;

import java.util.function.UnaryOperator;

/** Where the API token and URL come from when the block leaves them out. */
final class ApiToken {
  /** Packer 1.6.6's variable. */
  static final String TOKEN_VARIABLE = "DIGITALOCEAN_API_TOKEN";

  /** doctl's and the later Packer plugin's variable, read second. */
  static final String ACCESS_TOKEN_VARIABLE = "DIGITALOCEAN_ACCESS_TOKEN";

  static final String URL_VARIABLE = "DIGITALOCEAN_API_URL";

  static final String DEFAULT_URL = "https://api.digitalocean.com/";

  private ApiToken() {}

  /** The block's token, else the environment's; null when none is set. */
  static String resolve(String fromBlock, UnaryOperator<String> env) {
    if (fromBlock != null && !fromBlock.isEmpty()) {
      return fromBlock;
    }
    String token = env.apply(TOKEN_VARIABLE);
    if (token != null && !token.isEmpty()) {
      return token;
    }
    token = env.apply(ACCESS_TOKEN_VARIABLE);
    return token == null || token.isEmpty() ? null : token;
  }

  /** The block's URL, else the environment's, else DigitalOcean's. */
  static String url(String fromBlock, UnaryOperator<String> env) {
    if (fromBlock != null && !fromBlock.isEmpty()) {
      return fromBlock;
    }
    String url = env.apply(URL_VARIABLE);
    return url == null || url.isEmpty() ? DEFAULT_URL : url;
  }
}
