package dev.imagebake.postprocessor.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.SimpleArtifact;
import dev.imagebake.testing.PackerCli;
import dev.imagebake.testing.TestBuildContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ManifestPostProcessorTest {
  @TempDir Path dir;

  private static final Artifact NULL_ARTIFACT =
      new SimpleArtifact(
          "fnoeding.null",
          "Null",
          List.of(),
          "Did not export anything. This is the null builder",
          Map.of("ID", "Null"));

  private static PostProcessor manifest(ManifestConfig config) {
    return new ManifestPostProcessorFactory().create(config);
  }

  private static ManifestConfig config(String output) {
    return new ManifestConfig(output, null, null, null);
  }

  private static TestBuildContext ctx(Path dir, String build, boolean force, String run) {
    return TestBuildContext.in(dir).withBuild(build, "null").withForce(force).withRunUuid(run);
  }

  private JsonNode read(String name) throws Exception {
    return JsonMapper.builder().build().readTree(Files.readString(dir.resolve(name)));
  }

  @Test
  void writesTheSameBytesAsPacker() throws Exception {
    Path packerDir = Files.createDirectory(dir.resolve("packer"));
    PackerCli.build(
        packerDir,
        """
        {
          "builders": [{"type": "file", "name": "f", "target": "out/artifact.txt",
                        "content": "hello world\\n"}],
          "post-processors": [
            {"type": "manifest", "output": "m1.json", "strip_time": true,
             "custom_data": {"z": "last", "a": "{{build `ID`}}", "esc": "<b>&\\u0001\\b\\t\\"é\\u2028"}},
            {"type": "manifest", "output": "m2.json", "strip_path": true, "strip_time": true},
            {"type": "manifest", "output": "m3.json"}
          ]
        }
        """);
    String packerM1 = Files.readString(packerDir.resolve("m1.json"));
    Matcher uuid = Pattern.compile("\"last_run_uuid\": \"([^\"]+)\"").matcher(packerM1);
    assertThat(uuid.find()).isTrue();

    Path ours = Files.createDirectory(dir.resolve("ours"));
    Files.createDirectories(ours.resolve("out"));
    Files.writeString(ours.resolve("out/artifact.txt"), "hello world\n");
    Artifact file =
        new SimpleArtifact(
            "packer.file",
            "File",
            List.of(Path.of("out/artifact.txt")),
            "Stored file: out/artifact.txt",
            Map.of());
    TestBuildContext ctx =
        TestBuildContext.in(ours)
            .withBuild("f", "file")
            .withForce(false)
            .withRunUuid(uuid.group(1));
    Map<String, String> custom = new LinkedHashMap<>();
    custom.put("z", "last");
    custom.put("a", "{{build `ID`}}");
    custom.put("esc", "<b>&\u0001\b\t\"é\u2028");
    manifest(new ManifestConfig("m1.json", null, true, custom)).postProcess(ctx, file);
    manifest(new ManifestConfig("m2.json", true, true, null)).postProcess(ctx, file);
    manifest(config("m3.json")).postProcess(ctx, file);

    assertThat(Files.readString(ours.resolve("m1.json"))).isEqualTo(packerM1);
    assertThat(ours.resolve("m2.json")).hasSameBinaryContentAs(packerDir.resolve("m2.json"));
    String timeless = "\"build_time\": N,";
    assertThat(
            Files.readString(ours.resolve("m3.json")).replaceAll("\"build_time\": \\d+,", timeless))
        .isEqualTo(
            Files.readString(packerDir.resolve("m3.json"))
                .replaceAll("\"build_time\": \\d+,", timeless));
  }

  @Test
  void returnsItsInputKeptAndRecordsNullFilesAndCustomData() throws Exception {
    PostProcessor.Result result =
        manifest(config(null)).postProcess(ctx(dir, "local", false, "run-1"), NULL_ARTIFACT);
    assertThat(result.artifact()).isSameAs(NULL_ARTIFACT);
    assertThat(result.keepInputByDefault()).isTrue();
    assertThat(result.forceKeep()).isTrue();
    JsonNode build = read("packer-manifest.json").get("builds").get(0);
    assertThat(build.get("files").isNull()).isTrue();
    assertThat(build.get("custom_data").isNull()).isTrue();
    assertThat(build.get("artifact_id").stringValue()).isEqualTo("Null");
    assertThat(build.get("build_time").longValue()).isPositive();
    assertThat(Files.getPosixFilePermissions(dir.resolve("packer-manifest.json")))
        .isSubsetOf(PosixFilePermissions.fromString("rw-rw-r--"));
  }

  @Test
  void customDataIsRenderedWithGeneratedData() throws Exception {
    manifest(new ManifestConfig(null, null, null, Map.of("id", "{{build `ID`}}-{{.ID}}")))
        .postProcess(ctx(dir, "local", false, "r"), NULL_ARTIFACT);
    assertThat(read("packer-manifest.json").at("/builds/0/custom_data/id").stringValue())
        .isEqualTo("Null-Null");
  }

  @Test
  void secretsInCustomDataAreMaskedInTheFile() throws Exception {
    TestBuildContext ctx = ctx(dir, "local", false, "r");
    ctx.addSecret("hunter2");
    manifest(new ManifestConfig(null, null, null, Map.of("token", "pw=hunter2")))
        .postProcess(ctx, NULL_ARTIFACT);
    assertThat(read("packer-manifest.json").at("/builds/0/custom_data/token").stringValue())
        .isEqualTo("pw=<sensitive>");
    assertThat(dir.resolve("packer-manifest.json")).content().doesNotContain("hunter2");
  }

  @Test
  void entriesAccumulateAcrossRunsWithoutForce() throws Exception {
    manifest(config("m.json")).postProcess(ctx(dir, "a", false, "run-1"), NULL_ARTIFACT);
    manifest(config("m.json")).postProcess(ctx(dir, "b", false, "run-2"), NULL_ARTIFACT);
    JsonNode doc = read("m.json");
    assertThat(doc.get("builds").findValuesAsString("name")).containsExactly("a", "b");
    assertThat(doc.get("last_run_uuid").stringValue()).isEqualTo("run-2");
  }

  @Test
  void forceStartsOverOncePerRun() throws Exception {
    manifest(config("m.json")).postProcess(ctx(dir, "old", false, "run-1"), NULL_ARTIFACT);
    manifest(config("m.json")).postProcess(ctx(dir, "a", true, "run-2"), NULL_ARTIFACT);
    manifest(config("m.json")).postProcess(ctx(dir, "b", true, "run-2"), NULL_ARTIFACT);
    assertThat(read("m.json").get("builds").findValuesAsString("name")).containsExactly("a", "b");
  }

  @Test
  void parallelBuildsOfOneRunAllGetTheirEntry() throws Exception {
    // Two factories, as if loaded twice: their posts meet only at the OS lock.
    List<ManifestPostProcessorFactory> factories =
        List.of(new ManifestPostProcessorFactory(), new ManifestPostProcessorFactory());
    int builds = 24;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try {
      for (int i = 0; i < builds; i++) {
        PostProcessor pp = factories.get(i % 2).create(config("m.json"));
        TestBuildContext c = ctx(dir, "b" + i, true, "run-1");
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  return pp.postProcess(c, NULL_ARTIFACT);
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> names = read("m.json").get("builds").findValuesAsString("name");
    assertThat(names).hasSize(builds);
    for (int i = 0; i < builds; i++) {
      assertThat(names).contains("b" + i);
    }
    assertThat(dir.resolve("m.json.lock")).doesNotExist();
  }

  @Test
  void unreadableManifestFailsWithPackersMessage() throws Exception {
    Files.writeString(dir.resolve("m.json"), "{not json");
    assertThatThrownBy(
            () -> manifest(config("m.json")).postProcess(ctx(dir, "a", false, "r"), NULL_ARTIFACT))
        .hasMessageStartingWith("Unable to parse content from m.json: ");
  }

  @Test
  void readsExistingFilesAsLenientlyAsGo() {
    ManifestDocument doc =
        new ManifestJson()
            .parse(
                "{\"Builds\":[{\"NAME\":\"x\",\"extra\":1,\"files\":[],\"custom_data\":{}}],"
                    + "\"last_run_uuid\":\"u\"}");
    assertThat(doc.builds()).hasSize(1);
    assertThat(doc.builds().get(0).name()).isEqualTo("x");
    assertThat(new ManifestJson().write(doc))
        .isEqualTo(
            """
            {
              "builds": [
                {
                  "name": "x",
                  "builder_type": "",
                  "files": [],
                  "artifact_id": "",
                  "packer_run_uuid": "",
                  "custom_data": {}
                }
              ],
              "last_run_uuid": "u"
            }""");
  }

  @Test
  void isFoundByServiceLoader() {
    assertThat(
            java.util.ServiceLoader.load(dev.imagebake.sdk.PostProcessorFactory.class).stream()
                .map(java.util.ServiceLoader.Provider::type))
        .contains(ManifestPostProcessorFactory.class);
  }

  @Test
  void createsTheOutputDirectoryAndLeavesNoLockFile() throws Exception {
    manifest(config("reports/m.json")).postProcess(ctx(dir, "a", false, "r"), NULL_ARTIFACT);
    assertThat(dir.resolve("reports/m.json")).isRegularFile();
    assertThat(dir.resolve("reports/m.json.lock")).doesNotExist();
  }

  /** A lock file left by a crashed run is taken over and removed, not waited for. */
  @Test
  void aStaleLockFileIsTakenOverAndRemoved() throws Exception {
    Files.writeString(dir.resolve("m.json.lock"), "4242 stale\n");
    manifest(config("m.json")).postProcess(ctx(dir, "a", false, "r"), NULL_ARTIFACT);
    assertThat(read("m.json").get("builds").findValuesAsString("name")).containsExactly("a");
    assertThat(dir.resolve("m.json.lock")).doesNotExist();
  }

  @Test
  void writersInOtherProcessesWaitForTheLockAndLeaveNoLockFile() throws Exception {
    // Three processes of four threads each (15 entries per process), all contending for the
    // lock file that each release deletes: an entry lost or a lock file left fails this.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (String prefix : List.of("p", "q", "r")) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  ManifestWriterProcess.class.getName(),
                  dir.toString(),
                  prefix,
                  "15")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start());
    }
    for (Process p : processes) {
      assertThat(p.waitFor()).isZero();
    }
    List<String> names = read("m.json").get("builds").findValuesAsString("name");
    assertThat(names).hasSize(45).doesNotHaveDuplicates();
    assertThat(dir.resolve("m.json.lock")).doesNotExist();
  }
}
