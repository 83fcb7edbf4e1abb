package dev.imagebake.builder.digitalocean;

import dev.imagebake.builder.digitalocean.DoModel.Action;
import dev.imagebake.builder.digitalocean.DoModel.Droplet;
import dev.imagebake.builder.digitalocean.DoModel.Image;
import dev.imagebake.builder.digitalocean.DoModel.Key;
import dev.imagebake.builder.digitalocean.DoModel.Region;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.net.DeferredTls;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The DigitalOcean API v2 calls the builder makes, on the JDK's HttpClient. Retries 429 (after
 * {@code RateLimit-Reset}, bounded) and, for calls safe to repeat, 5xx and lost answers, with
 * doubling backoff; the pauses are cancellable. The token goes in the Authorization header only: it
 * is never part of a message. Immutable; {@link #cancelledBy} gives a view with another
 * cancellation (a cleanup's).
 */
final class DoClient {
  private static final Logger LOG = LoggerFactory.getLogger(DoClient.class);

  private static final int PER_PAGE = 200;
  private static final int MAX_PAGES = 100;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http;
  private final URI base;
  private final String token;
  private final DoTuning tuning;
  private final Cancellation cancellation;

  private DoClient(
      HttpClient http, URI base, String token, DoTuning tuning, Cancellation cancellation) {
    this.http = http;
    this.base = base;
    this.token = token;
    this.tuning = tuning;
    this.cancellation = cancellation;
  }

  static DoClient create(String baseUrl, String token, DoTuning tuning) {
    HttpClient http =
        DeferredTls.configure(
                HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NEVER))
            .build();
    return new DoClient(http, ApiUrl.base(baseUrl), token, tuning, Cancellation.never());
  }

  DoClient cancelledBy(Cancellation other) {
    return new DoClient(http, base, token, tuning, other);
  }

  DoTuning tuning() {
    return tuning;
  }

  Cancellation cancellation() {
    return cancellation;
  }

  // ---- regions

  List<Region> regions() {
    return list("v2/regions", "regions", Region::of);
  }

  // ---- account keys

  Key createKey(String name, String publicKey) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("public_key", publicKey);
    return field(send("POST", "v2/account/keys", body, false), "ssh_key", Key::of);
  }

  List<Key> keys() {
    return list("v2/account/keys", "ssh_keys", Key::of);
  }

  void deleteKey(long id) {
    send("DELETE", "v2/account/keys/" + id, null, true);
  }

  // ---- droplets

  Droplet createDroplet(Map<String, Object> request) {
    return field(send("POST", "v2/droplets", request, false), "droplet", Droplet::of);
  }

  Droplet droplet(long id) {
    return field(send("GET", "v2/droplets/" + id, null, true), "droplet", Droplet::of);
  }

  /** The droplets named {@code name} (DigitalOcean's name filter, checked here too). */
  List<Droplet> dropletsNamed(String name) {
    String query = "v2/droplets?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
    return list(query, "droplets", Droplet::of).stream()
        .filter(d -> name.equals(d.name()))
        .toList();
  }

  void deleteDroplet(long id) {
    send("DELETE", "v2/droplets/" + id, null, true);
  }

  /** Posts a droplet action ({@code shutdown}, {@code power_off}, {@code snapshot}...). */
  Action dropletAction(long dropletId, Map<String, Object> action, boolean repeatable) {
    return field(
        send("POST", "v2/droplets/" + dropletId + "/actions", action, repeatable),
        "action",
        Action::of);
  }

  Action dropletActionStatus(long dropletId, long actionId) {
    return field(
        send("GET", "v2/droplets/" + dropletId + "/actions/" + actionId, null, true),
        "action",
        Action::of);
  }

  List<Action> dropletActions(long dropletId) {
    return list("v2/droplets/" + dropletId + "/actions", "actions", Action::of);
  }

  List<Image> dropletSnapshots(long dropletId) {
    return list("v2/droplets/" + dropletId + "/snapshots", "snapshots", Image::of);
  }

  // ---- images

  Action imageAction(long imageId, Map<String, Object> action) {
    return field(
        send("POST", "v2/images/" + imageId + "/actions", action, true), "action", Action::of);
  }

  Action imageActionStatus(long imageId, long actionId) {
    return field(
        send("GET", "v2/images/" + imageId + "/actions/" + actionId, null, true),
        "action",
        Action::of);
  }

  void deleteImage(long id) {
    send("DELETE", "v2/images/" + id, null, true);
  }

  // ---- creation that survives a lost answer

  /**
   * Creates something with a call that must not simply be repeated: when its outcome is unknown (no
   * answer, or a 5xx), {@code find} looks for what it made before trying again; a 429 is retried by
   * the call itself.
   */
  <T> T createOnce(Supplier<T> create, Supplier<Optional<T>> find) {
    Duration backoff = tuning.retryBase();
    for (int attempt = 1; ; attempt++) {
      try {
        return create.get();
      } catch (DoApiException e) {
        if (!e.outcomeUnknown()) {
          throw e;
        }
        Optional<T> made = find.get();
        if (made.isPresent()) {
          return made.get();
        }
        if (attempt >= tuning.attempts()) {
          throw e;
        }
        cancellation.sleep(backoff);
        backoff = min(backoff.multipliedBy(2), tuning.retryCap());
      }
    }
  }

  // ---- transport

  private <T> List<T> list(String path, String field, Function<JsonNode, T> type) {
    List<T> all = new ArrayList<>();
    String sep = path.contains("?") ? "&" : "?";
    for (int page = 1; page <= MAX_PAGES; page++) {
      JsonNode answer =
          send("GET", path + sep + "page=" + page + "&per_page=" + PER_PAGE, null, true);
      JsonNode items = answer.path(field);
      for (JsonNode item : items) {
        all.add(type.apply(item));
      }
      JsonNode next = answer.path("links").path("pages").path("next");
      if (next.isMissingNode() || next.isNull() || items.isEmpty()) {
        break;
      }
    }
    return all;
  }

  private static <T> T field(JsonNode answer, String field, Function<JsonNode, T> type) {
    JsonNode node = answer.path(field);
    if (node.isMissingNode() || node.isNull()) {
      throw new DoApiException("the answer has no " + field, 200, false, null);
    }
    return type.apply(node);
  }

  /**
   * One call, with its retries.
   *
   * @param repeatable whether a 5xx or a lost answer may be retried (the call is idempotent)
   */
  private JsonNode send(String method, String path, Object body, boolean repeatable) {
    URI uri = base.resolve(path);
    String what = method + " " + uri;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            // As Go's net/http (godo): HTTP/2 over TLS only; no h2c upgrade on plain http.
            .version(
                "http".equals(uri.getScheme())
                    ? HttpClient.Version.HTTP_1_1
                    : HttpClient.Version.HTTP_2)
            .timeout(CALL_TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .header("User-Agent", "imagebake");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(DoJsonBodies.write(body)));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpRequest built = request.build();
    Duration backoff = tuning.retryBase();
    for (int attempt = 1; ; attempt++) {
      cancellation.throwIfCancelled();
      boolean last = attempt >= tuning.attempts();
      HttpResponse<String> response;
      long start = System.nanoTime();
      try {
        response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        LOG.debug("{} (attempt {}): no answer after {} ms: {}", what, attempt, millis(start), e);
        if (repeatable && !last) {
          LOG.debug("{}: retrying in {} ms", what, backoff.toMillis());
          cancellation.sleep(backoff);
          backoff = min(backoff.multipliedBy(2), tuning.retryCap());
          continue;
        }
        throw new DoApiException(
            what + ": no answer (" + e.getClass().getSimpleName() + ")", 0, true, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DoApiException(what + ": interrupted", 0, true, e);
      }
      int status = response.statusCode();
      LOG.debug("{} (attempt {}): {} in {} ms", what, attempt, status, millis(start));
      if (status >= 200 && status < 300) {
        String text = response.body();
        return text == null || text.isBlank()
            ? JsonNodeFactory.instance.objectNode()
            : parse(what, text);
      }
      if (status == 429 && !last) {
        Duration wait = rateLimitWait(response, backoff);
        LOG.debug("{}: rate limited, retrying in {} ms", what, wait.toMillis());
        cancellation.sleep(wait);
        backoff = min(backoff.multipliedBy(2), tuning.retryCap());
        continue;
      }
      if (status >= 500 && repeatable && !last) {
        LOG.debug("{}: retrying in {} ms", what, backoff.toMillis());
        cancellation.sleep(backoff);
        backoff = min(backoff.multipliedBy(2), tuning.retryCap());
        continue;
      }
      throw error(what, response);
    }
  }

  private static long millis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Until {@code RateLimit-Reset} (Unix seconds), within [backoff, cap]. */
  private Duration rateLimitWait(HttpResponse<?> response, Duration backoff) {
    Optional<String> reset = response.headers().firstValue("RateLimit-Reset");
    if (reset.isEmpty()) {
      return backoff;
    }
    try {
      long seconds = Long.parseLong(reset.get().trim()) - System.currentTimeMillis() / 1000;
      Duration wait = Duration.ofSeconds(Math.max(0, seconds));
      return min(wait.compareTo(backoff) < 0 ? backoff : wait, tuning.retryCap());
    } catch (NumberFormatException e) {
      return backoff;
    }
  }

  private static JsonNode parse(String what, String text) {
    try {
      return DoJsonBodies.parse(text);
    } catch (JacksonException e) {
      throw new DoApiException(what + ": the answer is not JSON", 200, false, null);
    }
  }

  private static DoApiException error(String what, HttpResponse<String> response) {
    String message = "";
    try {
      JsonNode body = DoJsonBodies.parse(response.body());
      message = body.path("message").asString("");
    } catch (JacksonException | IllegalArgumentException e) {
      // Not a JSON error body: the status says enough.
    }
    String requestId = response.headers().firstValue("x-request-id").orElse("");
    int status = response.statusCode();
    return new DoApiException(
        what + ": " + status + " (request \"" + requestId + "\") " + message,
        status,
        status >= 500,
        null);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
