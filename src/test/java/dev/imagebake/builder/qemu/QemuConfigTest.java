package dev.imagebake.builder.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagebake.config.BindResult;
import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuConfigTest {
  @TempDir Path dir;

  @BeforeEach
  void files() throws Exception {
    Files.writeString(dir.resolve("base.qcow2"), "not really a disk");
    Files.createDirectories(dir.resolve("http"));
    Files.writeString(dir.resolve("user-data"), "#cloud-config\n");
  }

  @Test
  void aTypicalDiskImageBlockBindsWithPackersDefaults() {
    QemuConfig c =
        QemuConfigs.valid(
            dir,
            """
            {"type": "qemu", "disk_image": true, "iso_url": "base.qcow2",
             "iso_checksum": "none", "ssh_username": "root", "ssh_password": "x",
             "disk_size": 2048, "boot_wait": "-1s", "shutdown_command": "poweroff",
             "ssh_host_port_min": 3000, "ssh_host_port_max": 3100,
             "qemuargs": [["-m", "1G"], ["-append", "console=ttyS0 {{ .HTTPIP }}"]]}
            """);
    assertThat(c.formatOrDefault()).isEqualTo("qcow2");
    assertThat(DiskSize.parse(c.diskSize()).qemuSize()).isEqualTo("2048M");
    assertThat(c.boot().waitBeforeTyping()).isEqualTo(Duration.ofSeconds(-1));
    assertThat(c.shutdownTimeoutOrDefault()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.hostPortLow()).isEqualTo(3000);
    assertThat(c.hostPortHigh()).isEqualTo(3100);
    assertThat(c.binary()).isEqualTo("qemu-system-x86_64");
    assertThat(c.convertAfterBuild()).isTrue();
    assertThat(QemuArgs.raw(c.qemuargs()))
        .containsExactly(
            java.util.List.of("-m", "1G"),
            java.util.List.of("-append", "console=ttyS0 {{ .HTTPIP }}"));
  }

  @Test
  void everyProblemIsReportedAtItsKeyWithPackersWording() {
    BindResult<QemuConfig> r =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "iso_url": "missing.iso", "iso_checksum": "sha256:abc",
             "ssh_username": "root", "ssh_password": "x", "format": "raw",
             "use_backing_file": true, "disk_size": "10X", "net_device": "nic9000",
             "host_port_min": 5000, "host_port_max": 4000, "floppy_files": ["a"],
             "http_directory": "http", "http_content": {"/a": "b"},
             "cd_files": ["nothing-*.yml"], "qemuargs": [["-m"], "oops", []],
             "boot_command": ["caf\\u00e9<enter>"], "net_bridge": "br0"}
            """);
    assertThat(r.config()).isNull();
    assertThat(r.diagnostics())
        .filteredOn(d -> d.severity() == Severity.ERROR)
        .extracting(d -> d.source().pointer(), Diagnostic::message)
        .contains(
            tuple(
                "/builders/0/iso_url",
                "the file " + dir.resolve("missing.iso") + " does not exist"),
            tuple(
                "/builders/0/iso_checksum",
                "Couldn't parse checksum \"sha256:abc\": 3 hex digits match no checksum type (md5"
                    + " 32, sha1 40, sha256 64, sha512 128)"),
            tuple(
                "/builders/0/use_backing_file",
                "use_backing_file can only be enabled for QCOW2 images"),
            tuple(
                "/builders/0/use_backing_file",
                "use_backing_file can only be enabled when disk_image is set to true"),
            tuple("/builders/0/disk_size", "Invalid disk size."),
            tuple("/builders/0/net_device", "unrecognized network device type"),
            tuple("/builders/0/host_port_min", "host_port_min must be less than host_port_max"),
            tuple(
                "/builders/0/floppy_files",
                "floppy_files is not supported by imagebake yet; cd_files can carry the same files"),
            tuple(
                "/builders/0/http_content",
                "Only one of http_directory or http_content can be set"),
            tuple(
                "/builders/0/cd_files/0",
                "Bad CD disk file 'nothing-*.yml': stat nothing-*.yml: no such file or directory"),
            tuple(
                "/builders/0/qemuargs/1",
                "each qemuargs entry must be a non-empty list of strings"),
            tuple(
                "/builders/0/qemuargs/2",
                "each qemuargs entry must be a non-empty list of strings"),
            tuple(
                "/builders/0/boot_command/0",
                "Error parsing boot_command: boot_command: cannot type '\u00e9' (U+00E9)"),
            tuple("/builders/0/net_bridge", "net_bridge is not supported by imagebake yet"));
  }

  @Test
  void checksumNoneWarnsAsPackerDoes() {
    BindResult<QemuConfig> r =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "disk_image": true, "iso_url": "base.qcow2",
             "iso_checksum": "none", "communicator": "none"}
            """);
    assertThat(r.diagnostics())
        .extracting(Diagnostic::severity, Diagnostic::message)
        .containsExactly(
            tuple(
                Severity.WARNING,
                "A checksum of 'none' was specified. Since ISO files are so big,"));
  }

  @Test
  void badEnumValuesAndMissingIsoAreErrors() {
    BindResult<QemuConfig> r =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "accelerator": "vmx", "format": "vmdk", "disk_cache": "fast",
             "iso_checksum": "md5:0123456789abcdef0123456789abcdef", "communicator": "none"}
            """);
    assertThat(r.config()).isNull();
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .anyMatch(m -> m.contains("vmx"))
        .anyMatch(m -> m.contains("vmdk"))
        .anyMatch(m -> m.contains("fast"));
  }

  @Test
  void oldAndNewPortNamesMustAgree() {
    BindResult<QemuConfig> r =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "disk_image": true, "iso_url": "base.qcow2", "iso_checksum": "none",
             "communicator": "none", "ssh_host_port_min": 2000, "host_port_min": 3000}
            """);
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .contains("ssh_host_port_min is the older name of host_port_min; give only one of them");
  }

  @Test
  void urlsPackerCannotParseAreDiagnosedAtTheirKeyNeverThrown() throws Exception {
    Files.writeString(dir.resolve("a b.iso"), "iso");
    String sha = "sha256:" + "a".repeat(64);
    for (String accepted :
        List.of("http://host/a b.iso", "a b.iso", "a%20b.iso", "file://" + dir + "/a b.iso")) {
      assertThat(
              bind("\"iso_url\": \"" + accepted + "\", \"iso_checksum\": \"" + sha + "\"")
                  .diagnostics())
          .as(accepted)
          .isEmpty();
    }
    assertThat(
            errors(bind("\"iso_url\": \"http://ho st/a.iso\", \"iso_checksum\": \"" + sha + "\"")))
        .containsExactly(
            tuple(
                "/builders/0/iso_url",
                "url parse: parse \"http://ho st/a.iso\": invalid character \" \" in host name"));
    assertThat(
            errors(
                bind(
                    "\"iso_urls\": [\"%zz\", \"http://host/a.iso\"], \"iso_checksum\": \""
                        + sha
                        + "\"")))
        .containsExactly(
            tuple(
                "/builders/0/iso_urls/0", "url parse: parse \"%zz\": invalid URL escape \"%zz\""));
    // Packer checks only the first URL; it skips a bad later one when it builds.
    BindResult<QemuConfig> later =
        bind("\"iso_urls\": [\"a b.iso\", \"http://[::1\"], \"iso_checksum\": \"" + sha + "\"");
    assertThat(later.config()).isNotNull();
    assertThat(later.diagnostics())
        .extracting(d -> d.source().pointer(), Diagnostic::message)
        .containsExactly(
            tuple(
                "/builders/0/iso_urls/1",
                "url parse: parse \"http://[::1\": missing ']' in host (Packer skips this URL when"
                    + " it builds)"));
    // With checksum none Packer parses nothing, but no URL is usable.
    assertThat(errors(bind("\"iso_url\": \"http://host/\\u0000\", \"iso_checksum\": \"none\"")))
        .containsExactly(
            tuple(
                "/builders/0/iso_url",
                "url parse: parse \"http://host/\\x00\": net/url: invalid control character in URL"));
    assertThat(errors(bind("\"iso_url\": \"a%00b.iso\", \"iso_checksum\": \"" + sha + "\"")))
        .extracting(t -> t.toList().get(1))
        .containsExactly("the file " + dir.resolve("a\\x00b.iso") + " does not exist");
    assertThat(errors(bind("\"iso_url\": \"ftp://host/a.iso\", \"iso_checksum\": \"" + sha + "\"")))
        .containsExactly(tuple("/builders/0/iso_url", "download not supported for scheme 'ftp'"));
    assertThat(errors(bind("\"iso_url\": \"a b.iso\", \"iso_checksum\": \"file:http://ho st/x\"")))
        .containsExactly(
            tuple(
                "/builders/0/iso_checksum",
                "parse \"http://ho st/x\": invalid character \" \" in host name in"
                    + " \"file:http://ho st/x\""));
    assertThat(errors(bind("\"iso_url\": \"a b.iso\", \"iso_checksum\": \"file:sums%00\"")))
        .containsExactly(
            tuple(
                "/builders/0/iso_checksum",
                "the checksum file " + dir.resolve("sums\\x00") + " does not exist"));
  }

  @Test
  void namesNoFileCanHaveAreDiagnosedWithPackersWords() {
    BindResult<QemuConfig> r =
        bind(
            "\"iso_url\": \"base.qcow2\", \"disk_image\": true, \"iso_checksum\": \"none\","
                + " \"cd_files\": [\"x[\", \"y\\u0000\"], \"http_directory\": \"h\\u0000\"");
    assertThat(errors(r))
        .containsExactly(
            tuple(
                "/builders/0/http_directory",
                "http_directory " + dir.resolve("h\\x00") + " is not a directory"),
            tuple("/builders/0/cd_files/0", "Bad CD disk file 'x[': syntax error in pattern"),
            tuple("/builders/0/cd_files/1", "Bad CD disk file 'y\0': stat y\0: invalid argument"));
  }

  private BindResult<QemuConfig> bind(String isoKeys) {
    return QemuConfigs.bind(
        dir, "{\"type\": \"qemu\", \"communicator\": \"none\", " + isoKeys + "}");
  }

  private static List<org.assertj.core.groups.Tuple> errors(BindResult<QemuConfig> r) {
    return r.diagnostics().stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .map(d -> tuple(d.source().pointer(), d.message()))
        .toList();
  }

  @Test
  void checksumFileAndCdFilesAreCheckedOffline() throws Exception {
    Files.writeString(dir.resolve("SHA256SUMS"), "x".repeat(64) + "  base.qcow2\n");
    BindResult<QemuConfig> r =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "disk_image": true, "iso_url": "base.qcow2",
             "iso_checksum": "file:SHA256SUMS", "communicator": "none",
             "cd_files": ["user-data", "http"], "cd_label": "cidata"}
            """);
    assertThat(r.diagnostics()).isEmpty();
    BindResult<QemuConfig> missing =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "disk_image": true, "iso_url": "base.qcow2",
             "iso_checksum": "file:NOSUMS", "communicator": "none"}
            """);
    assertThat(missing.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("the checksum file " + dir.resolve("NOSUMS") + " does not exist");
  }

  /** Only a build writes the cd_files ISO: a machine that just validates needs no ISO writer. */
  @Test
  void aMissingIsoWriterIsAWarningAtValidate() throws Exception {
    Path emptyPath = Files.createDirectories(dir.resolve("no-tools"));
    BindResult<QemuConfig> r =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "disk_image": true, "iso_url": "base.qcow2",
             "iso_checksum": "none", "communicator": "none", "cd_files": ["user-data"]}
            """,
            java.util.Map.of("PATH", emptyPath.toString()));
    assertThat(r.config()).isNotNull();
    assertThat(r.diagnostics())
        .filteredOn(d -> d.source().pointer().equals("/builders/0/cd_files"))
        .extracting(Diagnostic::severity, Diagnostic::message)
        .containsExactly(
            tuple(
                Severity.WARNING,
                "could not find a supported CD ISO creation command (the supported commands are:"
                    + " xorriso, mkisofs, genisoimage)"));
  }

  /** An empty path resolves to the working directory; it gets its own message, not "<dir>". */
  @Test
  void anEmptyIsoPathIsItsOwnError() {
    BindResult<QemuConfig> r =
        QemuConfigs.bind(
            dir,
            """
            {"type": "qemu", "disk_image": true, "iso_url": "", "iso_urls": [""],
             "iso_checksum": "none", "communicator": "none"}
            """);
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .contains("the ISO path must not be empty")
        .noneMatch(m -> m.contains("does not exist"));
  }
}
