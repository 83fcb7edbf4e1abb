package dev.imagebake.cli;

import dev.imagebake.engine.RunResult;
import dev.imagebake.plan.CheckedTemplate;
import dev.imagebake.registry.Registry;
import dev.imagebake.registry.RegistryException;
import dev.imagebake.registry.RegistryLocation;
import dev.imagebake.registry.RunInputs;
import dev.imagebake.registry.RunRecorder;
import dev.imagebake.registry.Version;
import dev.imagebake.registry.Who;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * {@code build}'s side of the registry: starts recording before the build and records its result
 * after it. A class of its own so that a build without the registry loads no registry class.
 */
final class BuildRecording {
  private final Cli cli;
  private final RunRecorder recorder;
  private final OptionalInt stop;

  private BuildRecording(Cli cli, RunRecorder recorder, OptionalInt stop) {
    this.cli = cli;
    this.recorder = recorder;
    this.stop = stop;
  }

  /**
   * Starts recording; with {@code --skip-unchanged}, first looks for a version with the same
   * fingerprint. Errors (a bad flag or location, an unreachable registry) are printed here.
   */
  static BuildRecording begin(
      Cli cli, RegistryOptions options, CheckedTemplate checked, List<Path> varFiles, Early early) {
    BuildRecording r;
    try {
      r = start(cli, options, checked, varFiles, early);
      if (options.skipUnchanged && r.unchanged().isPresent()) {
        r.close();
        return new BuildRecording(cli, null, OptionalInt.of(ExitCodes.OK));
      }
      return r;
    } catch (RegistryException e) {
      early.abandon();
      cli.err().println("imagebake: " + e.getMessage());
      return new BuildRecording(
          cli, null, OptionalInt.of(e.usage() ? ExitCodes.USAGE : ExitCodes.FAILED));
    }
  }

  /** The exit status when the build must not run (an error, or nothing changed). */
  OptionalInt stop() {
    return stop;
  }

  /**
   * Starts opening the registry and fingerprinting the inputs in the background.
   *
   * @throws RegistryException (usage) for a bad flag or location
   */
  private static BuildRecording start(
      Cli cli, RegistryOptions options, CheckedTemplate checked, List<Path> varFiles, Early early) {
    Path file = checked.file();
    if (file.toString().equals("-")) {
      throw usage("the registry needs a template file, not stdin");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String l : options.labels) {
      int eq = l.indexOf('=');
      if (eq <= 0) {
        throw usage("--label must be KEY=VALUE, not '" + l + "'");
      }
      labels.put(l.substring(0, eq), l.substring(eq + 1));
    }
    String bucket = options.bucket;
    if (bucket == null) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      bucket = dot > 0 ? name.substring(0, dot) : name;
    }
    Map<String, String> variables = new HashMap<>(checked.variables().values());
    variables.keySet().removeAll(checked.loaded().template().sensitiveVariables());
    RunInputs inputs =
        new RunInputs(
            bucket,
            file,
            checked.loaded().template(),
            varFiles,
            variables,
            Checking.workingDir(),
            labels,
            Who.user(cli.env()),
            Who.host(cli.env()),
            VersionProvider.version(),
            checked::mask);
    RegistryLocation location = RegistryLocation.fromEnvironment(cli.env());
    CompletableFuture<Registry> registry =
        early.opening != null ? early.opening : RunRecorder.openInBackground(location);
    CompletableFuture<String> gitCommit =
        early.gitCommit != null ? early.gitCommit : RunRecorder.gitCommitInBackground(file);
    return new BuildRecording(
        cli, RunRecorder.start(registry, gitCommit, inputs, Instant.now()), OptionalInt.empty());
  }

  /**
   * The registry opening and git asked for the template folder's commit while the template is
   * checked ({@link RunRecorder#openInBackground}, {@link RunRecorder#gitCommitInBackground}), both
   * started before the check.
   */
  static final class Early {
    private final CompletableFuture<Registry> opening;
    private final CompletableFuture<String> gitCommit;

    private Early(CompletableFuture<Registry> opening, CompletableFuture<String> gitCommit) {
      this.opening = opening;
      this.gitCommit = gitCommit;
    }

    /**
     * Starts opening the registry and asking git; with a malformed location the registry does not
     * start opening, and {@link #begin} reports it as before; nothing starts for stdin.
     */
    static Early open(Cli cli, Path template) {
      if (template.toString().equals("-")) {
        return new Early(null, null);
      }
      CompletableFuture<String> gitCommit = RunRecorder.gitCommitInBackground(template);
      try {
        return new Early(
            RunRecorder.openInBackground(RegistryLocation.fromEnvironment(cli.env())), gitCommit);
      } catch (RegistryException e) {
        return new Early(null, gitCommit);
      }
    }

    /** When no build runs: waits for the registry to open (or fail) and closes it. */
    void abandon() {
      if (opening != null) {
        RunRecorder.closeWhenOpen(opening);
      }
    }
  }

  private static RegistryException usage(String message) {
    return RegistryCommand.usageError(message);
  }

  /** The version {@code --skip-unchanged} reuses, printed; empty when the build must run. */
  Optional<Version> unchanged() {
    Optional<Version> v = recorder.unchanged();
    v.ifPresent(
        found ->
            cli.out()
                .println(
                    "==> Registry: "
                        + found.ref()
                        + " has the same fingerprint ("
                        + found.fingerprint().contentHash()
                        + "); nothing to build"));
    return v;
  }

  /** Records the run and prints the new version; returns the build's exit status or 1. */
  int finish(RunResult result) {
    try {
      Version v = recorder.record(result, Instant.now());
      cli.out()
          .println(
              "==> Registry: recorded "
                  + v.ref()
                  + " ("
                  + v.status()
                  + (v.assignable() ? "" : ", cannot be assigned to a channel")
                  + ")");
      return ExitCodes.of(result.outcome());
    } catch (RegistryException e) {
      cli.err().println("imagebake: the run was not recorded: " + e.getMessage());
      return result.interrupted() ? ExitCodes.INTERRUPTED : ExitCodes.FAILED;
    } finally {
      recorder.close();
    }
  }

  void close() {
    recorder.close();
  }
}
