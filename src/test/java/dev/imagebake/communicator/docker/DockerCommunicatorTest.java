package dev.imagebake.communicator.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagebake.docker.DockerEngine;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.CommandResult;
import dev.imagebake.sdk.Communicator;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.OutputSink;
import dev.imagebake.sdk.RemoteCommand;
import dev.imagebake.testing.DockerTestEngine;
import dev.imagebake.testing.StreamedCommands;
import dev.imagebake.testing.TestBuildContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker communicator against a real engine and a container of the Debian base image. */
class DockerCommunicatorTest {
  private static DockerEngine engine;
  private static String container;

  @TempDir Path tmp;

  @BeforeAll
  static void startContainer() {
    engine = DockerTestEngine.engine();
    container = DockerTestEngine.startContainer(engine.api());
  }

  @AfterAll
  static void removeContainer() {
    engine.api().removeContainerCmd(container).withForce(true).exec();
    engine.close();
  }

  private static Communicator connect(TestBuildContext ctx, Map<String, String> attributes)
      throws Exception {
    return new DockerCommunicatorFactory()
        .connect(
            new CommunicatorConfig("docker", null, null, null),
            new ConnectTarget(null, 0, null, attributes),
            ctx);
  }

  private static Communicator connect(TestBuildContext ctx) throws Exception {
    return connect(ctx, Map.of("container_id", container));
  }

  private static String run(Communicator comm, String command) throws Exception {
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    CommandResult result = comm.run(RemoteCommand.of(command), OutputSink.into(out, err));
    assertThat(result.exitStatus()).as("%s; stderr %s", command, err).isZero();
    return String.join("\n", out);
  }

  @Test
  void isFoundAsAPluginByItsType() {
    assertThat(ServiceLoader.load(dev.imagebake.sdk.CommunicatorFactory.class).stream())
        .anyMatch(p -> p.get().type().equals("docker"));
  }

  @Test
  void commandsKeepStdoutStderrAndTheirExitStatusApart() throws Exception {
    try (Communicator comm = connect(TestBuildContext.create())) {
      List<String> out = new ArrayList<>();
      List<String> err = new ArrayList<>();
      CommandResult result =
          comm.run(
              RemoteCommand.of("echo one; echo two >&2; printf 'no newline'; exit 3"),
              OutputSink.into(out, err));
      assertThat(result.exitStatus()).isEqualTo(3);
      assertThat(out).containsExactly("one", "no newline");
      assertThat(err).containsExactly("two");
    }
  }

  @Test
  void aStreamedCommandGetsItsInputToItsEndAndGivesBytesBackUnchanged() throws Exception {
    try (Communicator comm = connect(TestBuildContext.create())) {
      StreamedCommands.assertRoundTrip(comm, 300_000);
    }
  }

  @Test
  void stdinReachesTheCommand() throws Exception {
    try (Communicator comm = connect(TestBuildContext.create())) {
      List<String> out = new ArrayList<>();
      CommandResult result =
          comm.run(new RemoteCommand("tr a-z A-Z", "piped in\n"), OutputSink.into(out, out));
      assertThat(result.exitStatus()).isZero();
      assertThat(out).containsExactly("PIPED IN");
    }
  }

  @Test
  void commandsRunAsExecUser() throws Exception {
    try (Communicator comm =
        connect(
            TestBuildContext.create(), Map.of("container_id", container, "exec_user", "nobody"))) {
      assertThat(run(comm, "id -un")).isEqualTo("nobody");
    }
  }

  @Test
  void aFileGoesInWithItsModeAndComesBackOut() throws Exception {
    byte[] content = "content\nwith two lines\n".getBytes(StandardCharsets.UTF_8);
    try (Communicator comm = connect(TestBuildContext.create())) {
      run(comm, "mkdir -p /up");
      comm.upload("/up/file.txt", new ByteArrayInputStream(content), content.length, 0640);
      assertThat(run(comm, "stat -c '%a %U' /up/file.txt")).isEqualTo("640 root");
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      comm.download("/up/file.txt", back);
      assertThat(back.toByteArray()).isEqualTo(content);
    }
  }

  @Test
  void downloadFollowsSymbolicLinks() throws Exception {
    try (Communicator comm = connect(TestBuildContext.create())) {
      ByteArrayOutputStream back = new ByteArrayOutputStream();
      comm.download("/etc/os-release", back); // a link to ../usr/lib/os-release on Debian
      assertThat(back.toString(StandardCharsets.UTF_8)).contains("bookworm");
    }
  }

  @Test
  void uploadIntoAMissingDirectoryNamesIt() throws Exception {
    try (Communicator comm = connect(TestBuildContext.create())) {
      assertThatThrownBy(
              () -> comm.upload("/no/such/dir/f", new ByteArrayInputStream(new byte[1]), 1, 0644))
          .hasMessageContaining("/no/such/dir does not exist");
    }
  }

  @Test
  void treesFollowPackersTrailingSlashRule() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("tree/sub"));
    Files.writeString(tmp.resolve("tree/top.txt"), "top");
    Files.writeString(src.resolve("deep.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        src.resolve("deep.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Path tree = tmp.resolve("tree");
    try (Communicator comm = connect(TestBuildContext.create())) {
      run(comm, "mkdir -p /exists");
      comm.uploadDir("/exists", tree, false); // into the existing directory
      comm.uploadDir("/made/here", tree, false); // becomes the missing directory
      comm.uploadDir("/exists2", tree, true); // contents only
      assertThat(run(comm, "cat /exists/tree/top.txt /made/here/top.txt /exists2/top.txt"))
          .isEqualTo("toptoptop");
      assertThat(run(comm, "stat -c %a /exists/tree/sub/deep.sh")).isEqualTo("750");

      Path down = tmp.resolve("down");
      comm.downloadDir("/exists/tree", down);
      assertThat(Files.readString(down.resolve("tree/top.txt"))).isEqualTo("top");
      assertThat(Files.isExecutable(down.resolve("tree/sub/deep.sh"))).isTrue();
    }
  }

  @Test
  void uploadsAreGivenToTheUploadOwner() throws Exception {
    byte[] content = {'x'};
    try (Communicator comm =
        connect(
            TestBuildContext.create(),
            Map.of("container_id", container, "upload_owner", "nobody"))) {
      comm.upload("/tmp/owned", new ByteArrayInputStream(content), 1, 0644);
      assertThat(run(comm, "stat -c %U /tmp/owned")).isEqualTo("nobody");
    }
  }

  @Test
  void cancellingStopsTheRunningCommandAndItsChildren() throws Exception {
    TestBuildContext ctx = TestBuildContext.create();
    try (Communicator comm = connect(ctx)) {
      List<String> out = Collections.synchronizedList(new ArrayList<>());
      OutputSink sink =
          new OutputSink() {
            @Override
            public void stdout(String line) {
              out.add(line);
              if (line.equals("started")) {
                ctx.cancellation().cancel("provisioner timed out after 1s");
              }
            }

            @Override
            public void stderr(String line) {}
          };
      assertThatThrownBy(
              () ->
                  comm.run(
                      RemoteCommand.of("sleep 1000 & echo started; wait; echo finished"), sink))
          .isInstanceOf(CancelledException.class)
          .hasMessageContaining("timed out");
      assertThat(out).containsExactly("started");
    }
    try (Communicator other = connect(TestBuildContext.create())) {
      // /proc/*/cmdline of every process left: the sleep is gone with its shell.
      assertThat(run(other, "cat /proc/[0-9]*/cmdline | tr '\\0' ' '"))
          .doesNotContain("sleep 1000");
    }
  }

  @Test
  void aGoneContainerIsAClearError() throws Exception {
    String id = DockerTestEngine.startContainer(engine.api());
    engine.api().removeContainerCmd(id).withForce(true).exec();
    assertThatThrownBy(() -> connect(TestBuildContext.create(), Map.of("container_id", id)))
        .hasMessageContaining("cannot reach container " + id.substring(0, 12));
  }
}
