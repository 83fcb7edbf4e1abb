package dev.imagebake.provisioner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {
  @Test
  @SuppressWarnings("rawtypes")
  void pluginsAreFoundByType() {
    assertThat(ServiceLoader.load(ProvisionerFactory.class).stream())
        .map(p -> ((ProvisionerFactory) p.get()).type())
        .contains("shell", "shell-local", "breakpoint");
    assertThat(ServiceLoader.load(PostProcessorFactory.class).stream())
        .map(p -> ((PostProcessorFactory) p.get()).type())
        .contains("shell-local");
  }
}
