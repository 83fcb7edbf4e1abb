package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpSelectorThreadsTest {
  @Test
  void findsAndEndsTheSelectorThreadOfALiveClient() {
    HttpClient client = HttpClient.newHttpClient();
    // The JDK's client names itself "...HttpClientImpl@hash(<id>)" and its thread after the id.
    String toString = client.toString();
    String id = toString.substring(toString.lastIndexOf('(') + 1, toString.lastIndexOf(')'));
    List<Thread> own =
        HttpSelectorThreads.running().stream()
            .filter(t -> t.getName().equals("HttpClient-" + id + "-SelectorManager"))
            .toList();
    assertThat(own).hasSize(1);

    // Only this client's thread: other tests' clients may be in use.
    HttpSelectorThreads.stop(own, 10_000);

    assertThat(own.get(0).isAlive()).isFalse();
    assertThat(client).isNotNull(); // reachable until here: the interrupt ended the thread
  }
}
