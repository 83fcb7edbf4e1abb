package dev.imagebake.testing;

import com.github.dockerjava.api.DockerClient;
import dev.imagebake.docker.DockerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Docker engine the docker tests use: {@code bin/start-dockerd} starts it when none
 * answers (as {@code .ci/run} does), and {@code bin/docker-base-image} makes the base image from
 * Debian packages once (bookworm minbase with python3 and pip), cached between runs.
 */
public final class DockerTestEngine {
  private static String image;

  private DockerTestEngine() {}

  /** The base image's name, the engine running. */
  public static synchronized String baseImage() {
    if (image == null) {
      run("bin/start-dockerd", 2);
      image = run("bin/docker-base-image", 20).strip();
    }
    return image;
  }

  /** A client of the engine (close it). */
  public static DockerEngine engine() {
    baseImage();
    return DockerEngine.open(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** Starts a container of the base image running {@code /bin/sh} as Packer's default does. */
  public static String startContainer(DockerClient docker) {
    String id =
        docker
            .createContainerCmd(baseImage())
            .withEntrypoint(List.of("/bin/sh"))
            .withStdinOpen(true)
            .withTty(true)
            .exec()
            .getId();
    docker.startContainerCmd(id).exec();
    return id;
  }

  private static String run(String script, int minutes) {
    Path err = null;
    try {
      err = Files.createTempFile("imagebake-docker", ".log");
      Process p =
          new ProcessBuilder(Path.of(script).toAbsolutePath().toString())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectError(err.toFile())
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(script + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            script + " failed (exit " + p.exitValue() + "):\n" + Files.readString(err));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (err != null) {
        err.toFile().delete();
      }
    }
  }
}
