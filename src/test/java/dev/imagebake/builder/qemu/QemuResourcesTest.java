package dev.imagebake.builder.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.sdk.Resource;
import dev.imagebake.sdk.Resources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QEMU process is recorded as a running machine: when the cleanups are skipped, the engine's
 * {@link Resources#stopMachines} still ends it. A {@code sleep} stands in for QEMU.
 */
class QemuResourcesTest {
  @TempDir Path temp;

  @Test
  void skippedCleanupsStillKillTheVmProcessAndKeepTheDirectoryListed() throws Exception {
    VmProcess vm =
        VmProcess.start(
            List.of("sleep", "300.25"), temp.resolve("qemu.log"), temp.resolve("serial.log"));
    Resources resources = new Resources();
    resources.created(QemuResources.directory(temp.resolve("out")));
    resources.created(QemuResources.process(vm), QemuResources.kill(vm));

    List<String> failed = new ArrayList<>();
    List<Resource> stopped = resources.stopMachines((r, e) -> failed.add(r.describe()));

    assertThat(failed).isEmpty();
    assertThat(vm.isAlive()).isFalse();
    assertThat(stopped)
        .containsExactly(
            new Resource("QEMU process", Long.toString(vm.pid()), "", "kill " + vm.pid()));
    assertThat(resources.remaining())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.kind()).isEqualTo("directory");
              assertThat(r.id()).isEqualTo(temp.resolve("out").toString());
              assertThat(r.delete()).isEqualTo("rm -rf '" + temp.resolve("out") + "'");
            });
  }
}
