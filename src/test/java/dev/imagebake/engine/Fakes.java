package dev.imagebake.engine;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.Builder;
import dev.imagebake.sdk.CommunicatorConfig;
import dev.imagebake.sdk.Connector;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.sdk.ProvisionHook;
import dev.imagebake.sdk.Provisioner;
import dev.imagebake.sdk.Renderer;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Fake plugins that record what happened to them. */
final class Fakes {
  private Fakes() {}

  /** A shared, thread-safe journal of what the fakes did, in order. */
  static final class Journal {
    private final List<String> entries = Collections.synchronizedList(new ArrayList<>());

    void add(String entry) {
      entries.add(entry);
    }

    List<String> entries() {
      synchronized (entries) {
        return List.copyOf(entries);
      }
    }
  }

  /** An action that may throw, for step and provisioner bodies. */
  interface Action {
    void run(BuildContext ctx) throws Exception;
  }

  static final Action NOTHING = ctx -> {};

  static Action fail(String message) {
    return ctx -> {
      throw new Exception(message);
    };
  }

  /** A step that journals {@code run NAME} and {@code cleanup NAME}. */
  static final class RecordingStep implements Step {
    private final String name;
    private final Journal journal;
    private final Action run;
    private final Action cleanup;

    RecordingStep(String name, Journal journal, Action run, Action cleanup) {
      this.name = name;
      this.journal = journal;
      this.run = run;
      this.cleanup = cleanup;
    }

    RecordingStep(String name, Journal journal, Action run) {
      this(name, journal, run, NOTHING);
    }

    @Override
    public void run(BuildContext ctx, StateBag state) throws Exception {
      journal.add("run " + name);
      run.run(ctx);
    }

    @Override
    public void cleanup(BuildContext ctx, StateBag state) {
      journal.add("cleanup " + name);
      try {
        cleanup.run(ctx);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String name() {
      return name;
    }
  }

  /** Runs the steps the test gives it (the hook is available to them) and returns an artifact. */
  static final class StepsBuilder implements Builder {
    private final Function<ProvisionHook, List<Step>> steps;
    private final Artifact artifact;

    StepsBuilder(Function<ProvisionHook, List<Step>> steps, Artifact artifact) {
      this.steps = steps;
      this.artifact = artifact;
    }

    @Override
    public Artifact run(BuildContext ctx, ProvisionHook hook) throws Exception {
      ctx.runSteps(steps.apply(hook), new StateBag());
      return artifact;
    }
  }

  /** An artifact that journals its destruction. */
  static final class FakeArtifact implements Artifact {
    private final String id;
    private final Journal journal;

    FakeArtifact(String id, Journal journal) {
      this.id = id;
      this.journal = journal;
    }

    @Override
    public String builderId() {
      return "test.fake";
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public List<Path> files() {
      return List.of();
    }

    @Override
    public String describe() {
      return "artifact " + id;
    }

    @Override
    public Map<String, String> generatedData() {
      return Map.of();
    }

    @Override
    public void destroy() {
      journal.add("destroy " + id);
    }

    @Override
    public String toString() {
      return id;
    }
  }

  static Provisioner provisioner(String name, Journal journal, Action body) {
    return (ctx, comm, data) -> {
      journal.add("provision " + name);
      body.run(ctx);
    };
  }

  static PlannedProvisioner planned(Provisioner p) {
    return new PlannedProvisioner("fake", p, Duration.ZERO, 0, Duration.ZERO);
  }

  /** A post-processor returning a new artifact (or its input when {@code id} is null). */
  static PostProcessor postProcessor(
      String id, boolean keepDefault, boolean force, Journal journal) {
    return (ctx, input) -> {
      journal.add("pp " + (id == null ? "(input)" : id) + " <- " + input.id());
      Artifact out = id == null ? input : new FakeArtifact(id, journal);
      return new PostProcessor.Result(out, keepDefault, force);
    };
  }

  static final Renderer RENDERER = (template, buildData, fields) -> template;

  static final Connector NO_CONNECTOR =
      (config, target, ctx) -> {
        throw new IllegalStateException("no connection expected");
      };

  static final CommunicatorConfig NONE = new CommunicatorConfig("none", null, null, null);

  static BuildPlan plan(String name, Builder builder) {
    return plan(name, builder, List.of(), null, List.of(), Set.of());
  }

  static BuildPlan plan(
      String name,
      Builder builder,
      List<PlannedProvisioner> provisioners,
      PlannedProvisioner errorCleanup,
      List<List<PlannedPostProcessor>> chains,
      Set<String> secrets) {
    return new BuildPlan(
        name, "fake", builder, NONE, RENDERER, provisioners, errorCleanup, chains, secrets);
  }
}
