package dev.imagebake.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code build} flags the engine honours.
 *
 * @param onError {@code -on-error}
 * @param parallelBuilds {@code -parallel-builds}: at most this many builds at once; 0 = unlimited
 * @param debug {@code -debug}: one build at a time, pauses between steps
 * @param force {@code -force}
 * @param except {@code -except}: post-processor names to skip with the rest of their chain (builds
 *     named here are expected to be filtered out of the plan already)
 * @param workingDirectory what relative paths are resolved against
 * @param runUuid this run's id ({@code PackerRunUUID})
 * @param homeDirectory what {@code ~} in local paths stands for
 * @param environment the environment plugins see ({@link
 *     dev.imagebake.sdk.BuildContext#environment})
 */
public record BuildOptions(
    OnError onError,
    int parallelBuilds,
    boolean debug,
    boolean force,
    Set<String> except,
    Path workingDirectory,
    String runUuid,
    Path homeDirectory,
    Map<String, String> environment) {
  public BuildOptions {
    except = Set.copyOf(except);
    environment = Map.copyOf(environment);
  }

  /** This process's home directory and environment. */
  public BuildOptions(
      OnError onError,
      int parallelBuilds,
      boolean debug,
      boolean force,
      Set<String> except,
      Path workingDirectory,
      String runUuid) {
    this(
        onError,
        parallelBuilds,
        debug,
        force,
        except,
        workingDirectory,
        runUuid,
        Path.of(System.getProperty("user.home")),
        System.getenv());
  }

  /** Packer's defaults: cleanup on error, unlimited parallelism, a fresh run id. */
  public static BuildOptions defaults(Path workingDirectory) {
    return new BuildOptions(
        OnError.CLEANUP,
        0,
        false,
        false,
        Set.of(),
        workingDirectory,
        java.util.UUID.randomUUID().toString());
  }

  public BuildOptions withOnError(OnError value) {
    return new BuildOptions(
        value,
        parallelBuilds,
        debug,
        force,
        except,
        workingDirectory,
        runUuid,
        homeDirectory,
        environment);
  }

  public BuildOptions withParallelBuilds(int value) {
    return new BuildOptions(
        onError,
        value,
        debug,
        force,
        except,
        workingDirectory,
        runUuid,
        homeDirectory,
        environment);
  }

  public BuildOptions withDebug(boolean value) {
    return new BuildOptions(
        onError,
        parallelBuilds,
        value,
        force,
        except,
        workingDirectory,
        runUuid,
        homeDirectory,
        environment);
  }

  public BuildOptions withExcept(Set<String> value) {
    return new BuildOptions(
        onError,
        parallelBuilds,
        debug,
        force,
        value,
        workingDirectory,
        runUuid,
        homeDirectory,
        environment);
  }
}
