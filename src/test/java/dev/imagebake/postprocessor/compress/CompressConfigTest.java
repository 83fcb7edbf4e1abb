package dev.imagebake.postprocessor.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.Blocks;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.TestLocations;
import dev.imagebake.config.TestRenderers;
import dev.imagebake.diag.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressConfigTest {
  @TempDir Path dir;

  private BindResult<CompressConfig> bind(String json) {
    return new ConfigBinder(dir, dir.resolve("home"))
        .bind(
            new CompressPostProcessorFactory(),
            Blocks.at(json, "/post-processors/0"),
            "/post-processors/0",
            TestLocations.of(json),
            TestRenderers.variables(Map.of()));
  }

  /** Packer's detection (reference §7.3) plus .zst; {@code format} is appended to the output. */
  @ParameterizedTest
  @CsvSource({
    "'packer_{{.BuildName}}_{{.BuilderType}}', '', TAR, GZIP",
    "out/f.tar, '', TAR, NONE",
    "out/f.zip, '', ZIP, NONE",
    "out/f.tar.zip, '', ZIP, NONE",
    "out/f.gz, '', NONE, GZIP",
    "out/f.img.gz, '', NONE, GZIP",
    "out/f.tar.gz, '', TAR, GZIP",
    "out/f.tgz, '', TAR, GZIP",
    "out/f.box, '', TAR, GZIP",
    "out/f.tar.bz2, '', TAR, GZIP",
    "out/f.GZ, '', TAR, GZIP",
    "out/f.xz, '', NONE, XZ",
    "out/f.tar.xz, '', TAR, XZ",
    "out/f.zst, '', NONE, ZSTD",
    "out/f.tar.zst, '', TAR, ZSTD",
    "out/f.lz4, '', NONE, LZ4",
    "out/f.tar.lz4, '', TAR, LZ4",
    "out/f.bgzf, '', NONE, BGZF",
    "out/f.tar.bgzf, '', TAR, BGZF",
    "'{{.BuildName}}', tar.zst, TAR, ZSTD",
    "out/f.tar, gz, TAR, GZIP",
    "out/f.img, zip, ZIP, NONE",
    "v1.0/disk, '', TAR, GZIP",
  })
  void formatComesFromTheUnrenderedOutputAsInPacker(
      String output, String format, Format.Archive archive, Codec codec) {
    assertThat(Format.detect(output, format)).isEqualTo(new Format(archive, codec));
  }

  @Test
  void xzShrinksItsDictionaryToFitTheHeapAsXzMemlimitDoes() throws Exception {
    long launcherHeap = 96L << 20;
    assertThat(Codec.xzOptions(6, launcherHeap).getDictSize()).isEqualTo(4 << 20);
    assertThat(Codec.xzOptions(6, launcherHeap).getEncoderMemoryUsage() * 1024L)
        .isLessThan(launcherHeap * 2 / 3);
    assertThat(Codec.xzOptions(9, 512L << 20).getDictSize()).isEqualTo(16 << 20);
    assertThat(Codec.xzOptions(6, 1L << 30).getDictSize()).isEqualTo(8 << 20);
    assertThat(Codec.xzOptions(1, launcherHeap).getDictSize()).isEqualTo(1 << 20);
  }

  @Test
  void anUnknownFormatIsAnErrorAtItsValueWithASuggestion() {
    String json =
        """
        {"post-processors": [
          {"type": "compress",
           "format": "tar.zstd"}]}
        """;
    BindResult<CompressConfig> result = bind(json);
    assertThat(result.config()).isNull();
    Diagnostic d = result.diagnostics().get(0);
    assertThat(d.message()).contains("tar.zstd");
    assertThat(d.message() + d.hint()).as(d.toString()).contains("tar.zst");
    assertThat(d.source().pointer()).isEqualTo("/post-processors/0/format");
    assertThat(d.source().line()).isEqualTo(3);
    assertThat(d.source().column()).isEqualTo(14);
  }

  @Test
  void aLevelBelowMinusOneIsAnErrorAtTheKey() {
    String json =
        """
        {"post-processors": [
          {"type": "compress", "output": "a.tar.zst",
           "compression_level": -5}]}
        """;
    BindResult<CompressConfig> result = bind(json);
    assertThat(result.diagnostics())
        .extracting(Diagnostic::message, d -> d.source().line(), d -> d.source().column())
        .containsExactly(
            tuple(
                "compression_level must be -1 (default), 0 (no compression) or 1-22, got -5",
                3,
                4));
  }

  @Test
  void aGoodBlockBindsWithItsDefaults() {
    BindResult<CompressConfig> result =
        bind("{\"post-processors\": [{\"type\": \"compress\", \"compression_level\": \"9\"}]}");
    assertThat(result.diagnostics()).isEmpty();
    assertThat(result.config().compressionLevel()).isEqualTo(9);
    assertThat(result.config().outputOrDefault())
        .isEqualTo("packer_{{.BuildName}}_{{.BuilderType}}");
    assertThat(result.config().detectedFormat()).isEqualTo(Format.TAR_GZIP);
  }
}
