package dev.imagebake.builder.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuUnitsTest {
  @TempDir Path dir;

  @Test
  void diskSizesFollowPackersSyntax() {
    assertThat(DiskSize.parse("2048").qemuSize()).isEqualTo("2048M");
    assertThat(DiskSize.parse(null).qemuSize()).isEqualTo("40960M");
    assertThat(DiskSize.parse("0").qemuSize()).isEqualTo("40960M");
    assertThat(DiskSize.parse("10G").bytes()).isEqualTo(BigInteger.TEN.shiftLeft(30));
    assertThat(DiskSize.parse("1t").bytes()).isEqualTo(BigInteger.ONE.shiftLeft(40));
    assertThat(DiskSize.mebibytes(BigInteger.valueOf(1024 * 1024 + 1))).isEqualTo("2");
    assertThat(DiskSize.mebibytes(BigInteger.valueOf(3L << 30))).isEqualTo("3072");
    assertThatThrownBy(() -> DiskSize.parse("10 GB")).hasMessage("Invalid disk size.");
    assertThatThrownBy(() -> DiskSize.parse("-5")).hasMessage("Invalid disk size.");
  }

  /** Packer 1.6.6's verdicts, taken from {@code packer validate} on each URL as iso_url. */
  @Test
  void urlsParseAsPackersGoParserReadsThem() throws Exception {
    Map<String, String> rejected = new LinkedHashMap<>();
    rejected.put(
        "http://host/a%zz.iso", "parse \"http://host/a%zz.iso\": invalid URL escape \"%zz\"");
    rejected.put("http://[::1", "parse \"http://[::1\": missing ']' in host");
    rejected.put(
        "http://ho st/a.iso", "parse \"http://ho st/a.iso\": invalid character \" \" in host name");
    rejected.put(":foo", "parse \":foo\": missing protocol scheme");
    rejected.put(
        "http://host/a\u0007b.iso",
        "parse \"http://host/a\\ab.iso\": net/url: invalid control character in URL");
    rejected.put("%zz", "parse \"%zz\": invalid URL escape \"%zz\"");
    rejected.put("a.iso#%zz", "parse \"a.iso#%zz\": invalid URL escape \"%zz\"");
    rejected.put(
        "http://u ser@host/a.iso", "parse \"http://u ser@host/a.iso\": net/url: invalid userinfo");
    rejected.put(
        "http://host:8x/a.iso", "parse \"http://host:8x/a.iso\": invalid port \":8x\" after host");
    rejected.put(
        "1a:b/c.iso", "parse \"1a:b/c.iso\": first path segment in URL cannot contain colon");
    rejected.forEach(
        (url, message) -> assertThatThrownBy(() -> GoUrl.parse(url)).as(url).hasMessage(message));

    for (String accepted :
        List.of(
            "http://host/a b.iso",
            "a b.iso",
            "/tmp/a b.iso",
            "file:///tmp/a b.iso",
            "http://host/a{b}.iso",
            "http://host/a\\b.iso",
            "http://host:99999/a.iso",
            "http://host/a b.iso?x=%zz",
            "a:b/c.iso",
            "./a:b/c.iso",
            "")) {
      GoUrl.parse(accepted);
    }

    GoUrl spaced = GoUrl.parse("HTTP://host:8080/dir/a b[1].iso?x=y z&c=%41");
    assertThat(spaced.isHttp()).isTrue();
    assertThat(spaced.escapedPath()).isEqualTo("/dir/a%20b%5B1%5D.iso");
    assertThat(spaced.requestUri())
        .hasToString("http://host:8080/dir/a%20b%5B1%5D.iso?x=y%20z&c=%41");
    assertThat(GoUrl.parse("http://h/a%2Fb.iso").requestUri()).hasToString("http://h/a%2Fb.iso");
    assertThat(GoUrl.parse("http://h/caf\u00e9.iso").requestUri())
        .hasToString("http://h/caf%C3%A9.iso");
    assertThat(GoUrl.parse("dir/a%20b.iso?x#y").localPath()).isEqualTo("dir/a b.iso");
    assertThat(GoUrl.parse("file:///srv/a%20b.iso").localPath()).isEqualTo("/srv/a b.iso");
    assertThat(GoUrl.parse("file://rel/a.iso").localPath()).isEqualTo("rel/a.iso");
    assertThat(GoUrl.parse("http://h/d/a b.iso").fileName()).isEqualTo("a b.iso");
    assertThat(GoUrl.parse("ftp://h/a.iso").isLocal()).isFalse();
  }

  @Test
  void checksumsParseByTypeOrLength() {
    String sha256 = "a".repeat(64);
    assertThat(IsoChecksum.parse("sha256:" + sha256))
        .isEqualTo(new IsoChecksum.Digest("sha256", sha256));
    assertThat(IsoChecksum.parse("SHA1:" + "B".repeat(40)))
        .isEqualTo(new IsoChecksum.Digest("sha1", "b".repeat(40)));
    assertThat(IsoChecksum.parse("c".repeat(32)))
        .isEqualTo(new IsoChecksum.Digest("md5", "c".repeat(32)));
    assertThat(IsoChecksum.parse("none")).isInstanceOf(IsoChecksum.None.class);
    assertThat(IsoChecksum.parse("file:https://example.com/SHA256SUMS"))
        .isEqualTo(new IsoChecksum.FromFile("https://example.com/SHA256SUMS"));
    assertThatThrownBy(() -> IsoChecksum.parse("")).hasMessage("A checksum must be specified");
    assertThatThrownBy(() -> IsoChecksum.parse("sha512:" + sha256))
        .hasMessageContaining("a sha512 checksum has 128 hex digits, this one 64");
    assertThatThrownBy(() -> IsoChecksum.parse("crc32:abcd"))
        .hasMessageContaining("unsupported checksum type \"crc32\"");
    assertThatThrownBy(() -> IsoChecksum.parse("zz".repeat(16)))
        .hasMessageContaining("not a hexadecimal value");
  }

  @Test
  void checksumListsInGnuAndBsdFormats() {
    String text =
        "1".repeat(64)
            + "  other.iso\n"
            + "2".repeat(64)
            + " *sub/disk.qcow2\n"
            + "SHA256 (bsd.iso) = "
            + "3".repeat(64)
            + "\n";
    assertThat(ChecksumList.find(text, "disk.qcow2").hex()).isEqualTo("2".repeat(64));
    assertThat(ChecksumList.find(text, "bsd.iso").hex()).isEqualTo("3".repeat(64));
    assertThat(ChecksumList.find(text, "missing.iso")).isNull();
  }

  @Test
  void bootCommandsBecomeQmpKeys() {
    assertThat(
            BootCommand.parse("aZ!<enter><wait5><leftCtrlOn>c<leftCtrlOff><f10><wait1m30s><foo>"))
        .containsExactly(
            new BootCommand.Keys(List.of("a")),
            new BootCommand.Keys(List.of("shift", "z")),
            new BootCommand.Keys(List.of("shift", "1")),
            new BootCommand.Keys(List.of("ret")),
            new BootCommand.Wait(Duration.ofSeconds(5)),
            new BootCommand.Hold("ctrl", true),
            new BootCommand.Keys(List.of("c")),
            new BootCommand.Hold("ctrl", false),
            new BootCommand.Keys(List.of("f10")),
            new BootCommand.Wait(Duration.ofSeconds(90)),
            new BootCommand.Keys(List.of("shift", "comma")),
            new BootCommand.Keys(List.of("f")),
            new BootCommand.Keys(List.of("o")),
            new BootCommand.Keys(List.of("o")),
            new BootCommand.Keys(List.of("shift", "dot")));
    assertThat(BootCommand.parse("<wait>"))
        .containsExactly(new BootCommand.Wait(Duration.ofSeconds(1)));
    assertThat(BootCommand.parse(" /=_"))
        .extracting(a -> ((BootCommand.Keys) a).qcodes())
        .containsExactly(
            List.of("spc"), List.of("slash"), List.of("equal"), List.of("shift", "minus"));
  }

  @Test
  void userArgsReplaceDefaultsOfTheSameFlagAndJoinTheirValues() {
    Map<String, List<String>> defaults = new LinkedHashMap<>();
    defaults.put("-m", List.of("512M"));
    defaults.put("-drive", List.of("file=a", "file=b"));
    defaults.put("-boot", List.of("c"));
    List<String> merged =
        QemuArgs.merge(
            defaults,
            List.of(
                List.of("-m", "1024", "M"),
                List.of("-snapshot"),
                List.of("-append", "port={{ .HTTPPort }}"),
                List.of("-drive", "file=x"),
                List.of("-drive", "file=y")),
            s -> s.replace("{{ .HTTPPort }}", "8080"));
    assertThat(merged)
        .containsExactly(
            "-boot",
            "c",
            "-m",
            "1024M",
            "-snapshot",
            "-append",
            "port=8080",
            "-drive",
            "file=x",
            "-drive",
            "file=y");
  }

  @Test
  void theCommandLineForwardsSshOnLoopbackOnly() throws Exception {
    QemuConfig c =
        QemuConfigs.valid(
            dir,
            """
            {"type": "qemu", "iso_url": "https://example.com/x.iso", "iso_checksum": "none",
             "ssh_username": "root", "ssh_password": "x", "ssh_port": 2200, "headless": true,
             "cpus": 2, "memory": 300, "disk_interface": "virtio-scsi",
             "disk_detect_zeroes": "unmap", "qmp_enable": true,
             "qemuargs": [["-device", "e1000,netdev=user.0"], ["-serial", "stdio"]]}
            """);
    List<String> cmd =
        CommandLine.build(
            c,
            new CommandLine.Inputs(
                "vm",
                dir.resolve("out/vm"),
                dir.resolve("x.iso"),
                dir.resolve("cd.iso"),
                "tcg",
                3333,
                2200,
                dir.resolve("q.sock"),
                dir.resolve("serial.log"),
                dir.resolve("out/vm.monitor")),
            s -> s);
    String line = String.join(" ", cmd);
    assertThat(cmd.get(0)).isEqualTo("qemu-system-x86_64");
    assertThat(line)
        .contains("-netdev user,id=user.0,hostfwd=tcp:127.0.0.1:3333-:2200")
        .contains("-machine type=pc,accel=tcg")
        .contains("-m 300M")
        .contains("-smp cpus=2,sockets=2")
        .contains(
            "-drive file="
                + dir.resolve("out/vm")
                + ",cache=writeback,discard=ignore,format=qcow2,detect-zeroes=unmap,if=none,id=drive0")
        .contains("-drive file=" + dir.resolve("x.iso") + ",media=cdrom")
        .contains("-drive file=" + dir.resolve("cd.iso") + ",media=cdrom")
        .contains("-boot once=d")
        .contains("-display none")
        .contains("-qmp unix:" + dir.resolve("out/vm.monitor") + ",server=on,wait=off")
        .endsWith("-qmp unix:" + dir.resolve("q.sock") + ",server=on,wait=off")
        .contains("-serial stdio")
        .doesNotContain("serial.log")
        .doesNotContain("-vnc");
    // The user's -device replaced all default devices, as in Packer.
    assertThat(line).contains("-device e1000,netdev=user.0").doesNotContain("virtio-scsi-pci");
  }

  @Test
  void anUnusableKvmFallsBackToTcgWithOneLine() {
    dev.imagebake.testing.RecordingUi ui = new dev.imagebake.testing.RecordingUi();
    Accelerators broken = new Accelerators((binary, temp) -> "a test guest did not finish");
    assertThat(broken.choose("kvm", "qemu-system-x86_64", dir, ui)).isEqualTo("tcg");
    assertThat(broken.choose(null, "qemu-system-x86_64", dir, ui)).isEqualTo("tcg");
    assertThat(broken.choose("none", "qemu-system-x86_64", dir, ui)).isEqualTo("none");
    assertThat(ui.said())
        .containsExactly(
            "accelerator kvm is not usable on this host (a test guest did not finish); falling"
                + " back to tcg");
    Accelerators working = new Accelerators((binary, temp) -> null);
    assertThat(working.choose(null, "qemu-system-x86_64", dir, ui)).isEqualTo("kvm");
  }

  @Test
  void scriptsSeeTheHttpAddressOnlyWhenTheBuilderServesHttp() {
    Map<String, String> base = Map.of("PACKER_BUILD_NAME", "b");
    assertThat(
            dev.imagebake.sdk.shell.EnvVars.withHttpAddr(
                base, Map.of("PackerHTTPAddr", "10.0.2.2:8123")))
        .containsEntry("PACKER_HTTP_ADDR", "10.0.2.2:8123")
        .containsEntry("IMAGEBAKE_HTTP_ADDR", "10.0.2.2:8123")
        .containsEntry("PACKER_BUILD_NAME", "b");
    assertThat(dev.imagebake.sdk.shell.EnvVars.withHttpAddr(base, Map.of())).isEqualTo(base);
  }
}
