package dev.imagebake.builder.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.CancellationToken;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.testing.digitalocean.FakeDigitalOcean;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API client against the local endpoint: retries, lost answers, errors without the token. */
class DoClientTest {
  private FakeDigitalOcean api;
  private DoClient client;

  @BeforeEach
  void start() {
    api = FakeDigitalOcean.start();
    client = DoClient.create(api.url().toString(), api.token(), DoHarness.FAST);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void throttledCallsAreRetriedAfterTheRateLimitReset() {
    api.faults().throttle("listRegions", 2);
    assertThat(client.regions()).isNotEmpty();
    assertThat(api.ops()).containsExactly("listRegions", "listRegions", "listRegions");
  }

  @Test
  void throttledCreationsAreRetriedToo() {
    api.faults().throttle("createKey", 1);
    var pair = RsaKeys.generate();
    DoModel.Key key = client.createKey("k", pair.publicKeyLine());
    assertThat(api.world().keys())
        .singleElement()
        .satisfies(k -> assertThat(k.id).isEqualTo(key.id()));
  }

  @Test
  void serverErrorsOfRepeatableCallsAreRetriedWithinBounds() {
    api.faults().serverError("listRegions", 3);
    assertThat(client.regions()).isNotEmpty();
    api.faults().serverError("listRegions", 10);
    assertThatThrownBy(() -> client.regions())
        .isInstanceOf(DoApiException.class)
        .hasMessageContaining("GET " + api.url() + "v2/regions")
        .hasMessageContaining(": 500 (request \"")
        .hasMessageContaining("Server was unable to give you a response.");
    // FAST allows 4 attempts of one call.
    assertThat(api.ops().stream().filter("listRegions"::equals).count()).isEqualTo(4 + 4);
  }

  @Test
  void aCreationWhoseAnswerIsLostIsFoundInsteadOfMadeTwice() {
    var pair = RsaKeys.generate();
    api.faults().loseAnswers("createKey", 1);
    DoModel.Key key =
        client.createOnce(
            () -> client.createKey("packer-x", pair.publicKeyLine()),
            () -> client.keys().stream().filter(k -> k.name().equals("packer-x")).findFirst());
    assertThat(api.world().keys()).hasSize(1);
    assertThat(key.id()).isEqualTo(api.world().keys().get(0).id);
    assertThat(api.ops()).containsExactly("createKey", "listKeys");
  }

  @Test
  void aCreationAnswered500IsTriedAgainWhenNothingWasMade() {
    var pair = RsaKeys.generate();
    api.faults().serverError("createKey", 1);
    DoModel.Key key =
        client.createOnce(
            () -> client.createKey("packer-y", pair.publicKeyLine()),
            () -> client.keys().stream().filter(k -> k.name().equals("packer-y")).findFirst());
    assertThat(api.world().keys()).hasSize(1);
    assertThat(key.name()).isEqualTo("packer-y");
    assertThat(api.ops()).containsExactly("createKey", "listKeys", "createKey");
  }

  @Test
  void aClientErrorIsNotRetriedAndNeverShowsTheToken() {
    DoClient wrong = DoClient.create(api.url().toString(), "s3cret-token", DoHarness.FAST);
    assertThatThrownBy(wrong::regions)
        .isInstanceOf(DoApiException.class)
        .hasMessageContaining(": 401 (request \"")
        .hasMessageContaining("Unable to authenticate you")
        .hasMessageNotContaining("s3cret-token");
    assertThat(api.ops()).containsExactly("listRegions");
    assertThat(api.calls().get(0).authorization()).isEqualTo("Bearer s3cret-token");
  }

  @Test
  void listsFollowThePages() {
    var keys = new java.util.ArrayList<String>();
    for (int i = 0; i < 205; i++) {
      byte[] blob = new byte[32];
      new java.util.Random(i).nextBytes(blob);
      String line = "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(blob);
      keys.add(client.createKey("k" + i, line).name());
    }
    assertThat(client.keys()).hasSize(205);
    assertThat(Collections.frequency(api.ops(), "listKeys")).isEqualTo(2);
  }

  @Test
  void anInterruptEndsTheBackoff() {
    CancellationToken token = CancellationToken.root();
    DoClient slow =
        DoClient.create(
                api.url().toString(),
                api.token(),
                new DoTuning(
                    Duration.ZERO, Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1), 3))
            .cancelledBy(token);
    api.faults().serverError("listRegions", 5);
    api.onOp("listRegions", r -> token.cancel("interrupted"));
    assertThatThrownBy(slow::regions).isInstanceOf(CancelledException.class);
    assertThat(api.ops()).containsExactly("listRegions");
  }
}
