package dev.imagebake.postprocessor.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Cancellation;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.sdk.io.BgzfBlocks;
import dev.imagebake.sdk.io.DeflateFraming;
import dev.imagebake.sdk.io.ParallelDeflateOutputStreamTest;
import dev.imagebake.testing.PackerCli;
import dev.imagebake.testing.TestBuildContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompressPostProcessorTest {
  @TempDir Path dir;
  private byte[] disk;
  private byte[] notes;

  @BeforeEach
  void inputs() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    disk = ParallelDeflateOutputStreamTest.imageLike(3_000_000, 42);
    notes = "release notes\n".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("out/disk.img"), disk);
    Files.write(dir.resolve("out/notes.txt"), notes);
    Files.setPosixFilePermissions(
        dir.resolve("out/notes.txt"), PosixFilePermissions.fromString("rw-r-----"));
  }

  private static Artifact files(String... names) {
    return new SimpleArtifact(
        "packer.file", "File", Arrays.stream(names).map(Path::of).toList(), "files", Map.of());
  }

  private PostProcessor.Result run(String output, Integer level, Artifact input) throws Exception {
    return run(
        new CompressConfig(output, null, level),
        input,
        TestBuildContext.in(dir).withBuild("f", "file"));
  }

  private PostProcessor.Result run(CompressConfig config, Artifact input, BuildContext ctx)
      throws Exception {
    return new CompressPostProcessorFactory().create(config).postProcess(ctx, input);
  }

  /** Runs a shell command in {@code dir}; returns stdout, failing on a non-zero exit. */
  private byte[] sh(String command) throws Exception {
    Process p =
        new ProcessBuilder("sh", "-c", command)
            .directory(dir.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).as(command).isZero();
    return out;
  }

  private String shText(String command) throws Exception {
    return new String(sh(command), StandardCharsets.UTF_8);
  }

  /** Extracts with the system tools into a fresh directory and checks both files came back. */
  private void assertTarHoldsBothFiles(String extract) throws Exception {
    sh("rm -rf x && mkdir x && " + extract);
    assertThat(dir.resolve("x/disk.img")).hasBinaryContent(disk);
    assertThat(dir.resolve("x/notes.txt")).hasBinaryContent(notes);
  }

  @ParameterizedTest
  @CsvSource({
    "out/f.tar, tar -xf out/f.tar -C x",
    "out/f.tar.gz, tar -xzf out/f.tar.gz -C x",
    "out/f.tgz, gzip -t out/f.tgz && tar -xzf out/f.tgz -C x",
    "out/f.tar.xz, tar -xJf out/f.tar.xz -C x",
    "out/f.tar.zst, zstd -t out/f.tar.zst && tar --zstd -xf out/f.tar.zst -C x",
    "out/f.tar.lz4, lz4 -dc out/f.tar.lz4 | tar -xf - -C x",
    "out/f.tar.bgzf, gzip -dc out/f.tar.bgzf | tar -xf - -C x",
    "out/f.box, tar -xzf out/f.box -C x",
  })
  void tarFormatsOpenWithTheSystemTools(String output, String extract) throws Exception {
    PostProcessor.Result r = run(output, null, files("out/disk.img", "out/notes.txt"));
    assertTarHoldsBothFiles(extract);
    assertThat(r.artifact().files()).containsExactly(Path.of(output));
    assertThat(r.artifact().describe()).isEqualTo("compressed artifacts in: " + output);
  }

  @ParameterizedTest
  @CsvSource({
    "out/disk.img.gz, gzip -dc, 6",
    "out/disk.img.gz, pigz -dc, 9",
    "out/disk.img.xz, xz -dc, 1",
    "out/disk.img.zst, zstd -dc, 6",
    "out/disk.img.zst, zstd -dc, 19",
    "out/disk.img.lz4, lz4 -dc, 6",
    "out/disk.img.lz4, lz4 -dc, 0",
    "out/disk.img.bgzf, gzip -dc, 6",
  })
  void singleFileFormatsOpenWithTheSystemTools(String output, String tool, int level)
      throws Exception {
    run(output, level, files("out/disk.img"));
    assertThat(sh(tool + " " + output)).isEqualTo(disk);
    assertThat(Files.size(dir.resolve(output))).isLessThan(disk.length);
  }

  @Test
  void bgzfIsProperlyBlocked() throws Exception {
    run("out/disk.img.bgzf", null, files("out/disk.img"));
    assertThat(BgzfBlocks.inputSizes(Files.readAllBytes(dir.resolve("out/disk.img.bgzf"))))
        .hasSize((disk.length + DeflateFraming.Bgzf.BLOCK_INPUT - 1) / 0xff00 + 1);
  }

  @Test
  void zipKeepsThePathsModesAndTimes() throws Exception {
    run("out/f.zip", null, files("out/disk.img", dir.resolve("out/notes.txt").toString()));
    sh("rm -rf x && mkdir x && unzip -q out/f.zip -d x");
    assertThat(dir.resolve("x/out/disk.img")).hasBinaryContent(disk);
    // An absolute input path loses its leading slash, as unzip would strip it anyway.
    Path absolute = dir.resolve("x").resolve(dir.resolve("out/notes.txt").toString().substring(1));
    assertThat(absolute).hasBinaryContent(notes);
    assertThat(Files.getPosixFilePermissions(absolute))
        .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
    assertThat(Files.getLastModifiedTime(dir.resolve("x/out/disk.img")).toMillis() / 2000)
        .isEqualTo(Files.getLastModifiedTime(dir.resolve("out/disk.img")).toMillis() / 2000);
    assertThat(shText("unzip -v out/f.zip")).contains("Defl:N");
  }

  @Test
  void levelZeroStoresWhereTheFormatCan() throws Exception {
    run("out/z.zip", 0, files("out/disk.img"));
    assertThat(shText("unzip -v out/z.zip")).contains("Stored").doesNotContain("Defl");
    run("out/z.gz", 0, files("out/disk.img"));
    assertThat(Files.size(dir.resolve("out/z.gz"))).isGreaterThan(disk.length);
    assertThat(sh("gzip -dc out/z.gz")).isEqualTo(disk);
    run("out/z.bgzf", 0, files("out/disk.img"));
    assertThat(Files.size(dir.resolve("out/z.bgzf"))).isGreaterThan(disk.length);
    assertThat(sh("gzip -dc out/z.bgzf")).isEqualTo(disk);
    // zstd cannot store: 0 is its fastest level, still compressing.
    run("out/z.zst", 0, files("out/disk.img"));
    assertThat(Files.size(dir.resolve("out/z.zst"))).isLessThan(disk.length);
    assertThat(sh("zstd -dc out/z.zst")).isEqualTo(disk);
  }

  @Test
  void levelsAboveNineMeanNineAndMinusOneMeansSix() throws Exception {
    run("out/a.gz", 9, files("out/disk.img"));
    run("out/b.gz", 42, files("out/disk.img"));
    run("out/c.gz", -1, files("out/disk.img"));
    run("out/d.gz", null, files("out/disk.img"));
    assertThat(dir.resolve("out/b.gz")).hasSameBinaryContentAs(dir.resolve("out/a.gz"));
    assertThat(dir.resolve("out/d.gz")).hasSameBinaryContentAs(dir.resolve("out/c.gz"));
    assertThat(Files.size(dir.resolve("out/a.gz"))).isLessThan(Files.size(dir.resolve("out/c.gz")));
  }

  @Test
  void singleFileFormatsRefuseSeveralInputsBeforeWritingAnything() {
    assertThatThrownBy(() -> run("out/f.gz", null, files("out/disk.img", "out/notes.txt")))
        .hasMessage(
            "Can only have 1 input file when not using tar/zip. Found 2 files:"
                + " [out/disk.img out/notes.txt]");
    assertThatThrownBy(() -> run("out/f.xz", null, files()))
        .hasMessage("Can only have 1 input file when not using tar/zip. Found 0 files: []");
    assertThat(dir.resolve("out/f.gz")).doesNotExist();
  }

  @Test
  void fileSystemProblemsAreNamedAsPackerNamesThem() throws Exception {
    assertThatThrownBy(() -> run("out/f.tar", null, files("out/gone.img")))
        .hasMessage(
            "Failed to open source file out/gone.img for reading: no such file or directory");
    Files.writeString(dir.resolve("blocker"), "a file where a directory should be");
    assertThatThrownBy(() -> run("blocker/sub/f.tar", null, files("out/notes.txt")))
        .hasMessageStartingWith("Unable to create dir for archive blocker/sub/f.tar: ");
    Files.createDirectories(dir.resolve("out/f.tar"));
    assertThatThrownBy(() -> run("out/f.tar", null, files("out/notes.txt")))
        .hasMessage("Unable to create archive out/f.tar: Is a directory");
  }

  @Test
  void anOutputThatIsAnInputIsRefused() {
    assertThatThrownBy(() -> run("out/../out/disk.img", 1, files("out/disk.img")))
        .hasMessageContaining("is the input file out/disk.img");
    assertThat(dir.resolve("out/disk.img")).hasBinaryContent(disk);
  }

  @Test
  void defaultOutputIsATarGzNamedAfterTheBuild() throws Exception {
    TestBuildContext ctx = TestBuildContext.in(dir).withBuild("f", "file");
    PostProcessor.Result r =
        run(new CompressConfig(null, null, null), files("out/disk.img", "out/notes.txt"), ctx);
    assertThat(r.artifact().files()).containsExactly(Path.of("packer_f_file"));
    assertTarHoldsBothFiles("tar -xzf packer_f_file -C x");
    assertThat(ctx.ui().lines())
        .containsSubsequence(
            "say: Using pgzip compression with "
                + Runtime.getRuntime().availableProcessors()
                + " cores for packer_f_file",
            "say: Tarring packer_f_file with pgzip",
            "say: Archive packer_f_file completed");
  }

  @Test
  void outputIsRenderedWithBuildNameAndBuilderTypeIntoNewDirectories() throws Exception {
    PostProcessor.Result rendered =
        run(
            new CompressConfig("dist/{{.BuildName}}-{{.BuilderType}}.img", "zst", 3),
            files("out/disk.img"),
            TestBuildContext.in(dir).withBuild("f", "file"));
    assertThat(rendered.artifact().files()).containsExactly(Path.of("dist/f-file.img"));
    // format names the codec; the file keeps the output's name.
    assertThat(sh("zstd -dc dist/f-file.img")).isEqualTo(disk);
    assertThat(Files.getPosixFilePermissions(dir.resolve("dist")))
        .isSubsetOf(PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  void theInputIsNotKeptByDefaultAndDestroyRemovesTheOutput() throws Exception {
    PostProcessor.Result r = run("out/f.tar", null, files("out/notes.txt"));
    assertThat(r.keepInputByDefault()).isFalse();
    assertThat(r.forceKeep()).isFalse();
    assertThat(r.artifact().builderId()).isEqualTo("packer.post-processor.compress");
    assertThat(r.artifact().id()).isEmpty();
    assertThat(r.artifact().generatedData()).isEmpty();
    r.artifact().destroy();
    assertThat(dir.resolve("out/f.tar")).doesNotExist();
    assertThat(dir.resolve("out/notes.txt")).exists();
  }

  @ParameterizedTest
  @CsvSource({"out/big.img.gz", "out/big.tar.xz", "out/big.zip", "out/big.img.zst"})
  void anInterruptStopsCompressionAndRemovesThePartialOutput(String output) throws Exception {
    Files.write(dir.resolve("out/big.img"), ParallelDeflateOutputStreamTest.imageLike(8 << 20, 7));
    CancelAfterPolls cancellation = new CancelAfterPolls(3);
    BuildContext ctx =
        TestBuildContext.in(dir).withBuild("f", "file").withCancellation(cancellation);
    assertThatThrownBy(() -> run(new CompressConfig(output, null, null), files("out/big.img"), ctx))
        .isInstanceOf(CancelledException.class);
    // Cancelled after three 1 MiB buffers of eight: it stopped mid-file, and cleaned up.
    assertThat(cancellation.polls()).isLessThan(6);
    assertThat(dir.resolve(output)).doesNotExist();
    assertThat(dir.resolve("out/big.img")).exists();
  }

  @Test
  void tarEntriesAreThoseOfPacker() throws Exception {
    Path packerDir = Files.createDirectory(dir.resolve("packer"));
    String packerOut =
        PackerCli.build(
            packerDir,
            """
            {"builders": [{"type": "file", "name": "f", "target": "out/artifact.txt",
                           "content": "hello world\\n"}],
             "post-processors": [[{"type": "compress", "output": "out/f.tar",
                                   "keep_input_artifact": true}]]}
            """);
    Path ours = Files.createDirectories(dir.resolve("ours/out"));
    Files.writeString(ours.resolve("artifact.txt"), "hello world\n");
    Files.setPosixFilePermissions(
        ours.resolve("artifact.txt"), PosixFilePermissions.fromString("rw-------"));
    TestBuildContext ctx = TestBuildContext.in(dir.resolve("ours")).withBuild("f", "file");
    run(new CompressConfig("out/f.tar", null, null), files("out/artifact.txt"), ctx);

    String listing = "tar -tvv --full-time -f %s/out/f.tar";
    assertThat(shText(listing.formatted("ours")))
        .isEqualTo(shText(listing.formatted("packer")))
        .contains("1970-01-01 00:00:00 artifact.txt");
    assertThat(shText("od -An -c -j257 -N8 ours/out/f.tar"))
        .isEqualTo(shText("od -An -c -j257 -N8 packer/out/f.tar"));
    assertThat(Files.size(ours.resolve("f.tar")))
        .isEqualTo(Files.size(packerDir.resolve("out/f.tar")));
    assertThat(packerOut).contains("f (compress): Tarring out/f.tar with no compression");
    assertThat(ctx.ui().lines()).contains("say: Tarring out/f.tar with no compression");
  }

  /** Cancels once {@link #isCancelled()} has been asked {@code after} times. */
  static final class CancelAfterPolls implements Cancellation {
    private final int after;
    private final AtomicInteger polls = new AtomicInteger();

    CancelAfterPolls(int after) {
      this.after = after;
    }

    int polls() {
      return polls.get();
    }

    @Override
    public boolean isCancelled() {
      return polls.incrementAndGet() > after;
    }

    @Override
    public String reason() {
      return "interrupted";
    }

    @Override
    public void sleep(Duration duration) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AutoCloseable onCancel(Runnable action) {
      return () -> {};
    }
  }
}
