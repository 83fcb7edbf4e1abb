package dev.imagebake.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.BaseImage;
import dev.imagebake.testing.TestVm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test VM of {@code bin/base-image}, booted for real under QEMU (TCG): SSH with the image's
 * key, uploads the way Packer (scp) and imagebake (SFTP) do them, {@code poweroff} ending QEMU with
 * exit 0, and the files written in the guest found on its disk afterwards, read offline.
 */
@Tag("slow")
class BaseImageIT {
  private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(1);

  @TempDir Path work;

  @Test
  void bootsProvisionsOverSshAndKeepsWhatWasWrittenAfterPoweroff() throws Exception {
    BaseImage image = BaseImage.get();
    String cachedDiskDigest = sha256(image.disk());
    Files.writeString(work.resolve("by-scp.txt"), "uploaded with scp\n");
    Files.writeString(work.resolve("by-sftp.txt"), "uploaded with sftp\n");

    try (TestVm vm = TestVm.boot(image)) {
      long booting = System.nanoTime();
      vm.awaitSsh(BOOT_TIMEOUT);
      long bootToSsh = System.nanoTime() - booting;

      TestVm.Result who = vm.ssh("id -u; hostname; ip -4 addr show eth0; uname -r");
      assertThat(who.exitCode()).as(who.stderr()).isZero();
      assertThat(who.stdout()).startsWith("0\ntestvm\n").contains("inet 10.0.2.15/");
      assertThat(who.stdout()).contains("-cloud-amd64");

      assertThat(vm.upload(work.resolve("by-scp.txt"), "/root/by-scp.txt", true).exitCode())
          .isZero();
      assertThat(vm.upload(work.resolve("by-sftp.txt"), "/root/by-sftp.txt", false).exitCode())
          .isZero();
      TestVm.Result write = vm.ssh("echo provisioned > /root/hello.txt && cat /root/by-*.txt");
      assertThat(write.exitCode()).as(write.stderr()).isZero();
      assertThat(write.stdout()).isEqualTo("uploaded with scp\nuploaded with sftp\n");

      long stopping = System.nanoTime();
      vm.ssh("poweroff"); // the connection may drop before an exit status arrives
      assertThat(vm.awaitExit(SHUTDOWN_TIMEOUT)).as(vm.serialLog()).isZero();
      long shutdown = System.nanoTime() - stopping;
      System.err.printf(
          "test VM: boot to SSH %.1f s, poweroff to QEMU exit %.1f s%n",
          bootToSsh / 1e9, shutdown / 1e9);

      assertThat(BaseImage.readOffline(vm.disk(), "/root/hello.txt")).isEqualTo("provisioned\n");
      assertThat(BaseImage.readOffline(vm.disk(), "/root/by-scp.txt"))
          .isEqualTo("uploaded with scp\n");
    }
    assertThat(sha256(image.disk()))
        .as("the cached disk is never written")
        .isEqualTo(cachedDiskDigest);
  }

  @Test
  void theCachedImageIsReusedNotRebuilt() throws Exception {
    BaseImage first = BaseImage.get();
    long built = Files.getLastModifiedTime(first.disk()).toMillis();
    BaseImage again = BaseImage.get();
    assertThat(again.dir()).isEqualTo(first.dir());
    assertThat(Files.getLastModifiedTime(again.disk()).toMillis()).isEqualTo(built);
    assertThat(Files.readString(again.publicKey())).startsWith("ssh-ed25519 ");
    assertThat(again.append()).contains("root=/dev/vda");
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    return HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
  }
}
