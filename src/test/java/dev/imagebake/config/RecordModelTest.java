package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.config.Embedded;
import dev.imagebake.sdk.config.RenderLater;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordModelTest {
  record Inner(String sshHost, Integer sshPort) {}

  record Outer(String name, @Embedded Inner inner, List<String> tags) {}

  record Clash(String sshHost, @Embedded Inner inner) {}

  record LaterNumber(@RenderLater Duration delay) {}

  record Unsupported(Set<String> names) {}

  @Test
  void embeddedKeysAreFlattenedInOrder() {
    assertThat(RecordModel.of(Outer.class).properties())
        .extracting(RecordModel.Property::key)
        .containsExactly("name", "ssh_host", "ssh_port", "tags");
  }

  @Test
  void refusesRecordsTheBinderCannotBind() {
    assertThatThrownBy(() -> RecordModel.of(Clash.class))
        .hasMessageContaining("has the key 'ssh_host' twice");
    assertThatThrownBy(() -> RecordModel.of(LaterNumber.class))
        .hasMessageContaining("must hold strings");
    assertThatThrownBy(() -> RecordModel.of(Unsupported.class))
        .hasMessageContaining("unsupported type java.util.Set<java.lang.String>");
  }
}
