package dev.imagebake.engine;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.PostProcessor;
import dev.imagebake.ui.StepStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a build's post-processor chains with exactly Packer's {@code keep_input_artifact} logic
 * ({@code CoreBuild.Run}, reference §1.7).
 */
final class PostProcessorChains {
  private PostProcessorChains() {}

  /**
   * @param artifacts what the build produced, in Packer's order
   * @param errors one entry per failure, e.g. {@code Post-processor failed: ...}
   */
  record Outcome(List<Artifact> artifacts, List<String> errors) {}

  /**
   * Drops, in each chain, the first post-processor named in {@code -except} and everything after
   * it; chains left empty are dropped (so they do not count as post-processors).
   */
  static List<List<PlannedPostProcessor>> applyExcept(
      List<List<PlannedPostProcessor>> chains, Set<String> except) {
    List<List<PlannedPostProcessor>> kept = new ArrayList<>();
    for (List<PlannedPostProcessor> chain : chains) {
      List<PlannedPostProcessor> current = new ArrayList<>();
      for (PlannedPostProcessor pp : chain) {
        if (except.contains(pp.name())) {
          break;
        }
        current.add(pp);
      }
      if (!current.isEmpty()) {
        kept.add(List.copyOf(current));
      }
    }
    return kept;
  }

  static Outcome run(
      EngineBuildContext ctx, Artifact builderArtifact, List<List<PlannedPostProcessor>> chains) {
    List<Artifact> artifacts = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    boolean keepOriginal = chains.isEmpty();
    chains:
    for (List<PlannedPostProcessor> chain : chains) {
      Artifact prior = builderArtifact;
      boolean chainEnded = false;
      for (int i = 0; i < chain.size() && !chainEnded; i++) {
        PlannedPostProcessor pp = chain.get(i);
        ctx.ui()
            .say(
                pp.name().equals(pp.type())
                    ? "Running post-processor: " + pp.name()
                    : "Running post-processor: " + pp.name() + " (type " + pp.type() + ")");
        PostProcessor.Result result;
        int slot = ctx.log().postProcessing(pp.name());
        long start = System.nanoTime();
        StepStatus status = StepStatus.FAILED;
        try {
          EngineBuildContext ppCtx =
              ctx.withUi(
                  new BuildUi(
                      ctx.services().output(), ctx.services().clock(), ctx.buildName(), pp.type()));
          result = pp.postProcessor().postProcess(ppCtx, prior);
          status = StepStatus.OK;
        } catch (CancelledException e) {
          if (ctx.cancellation().isCancelled()) {
            status = StepStatus.CANCELLED;
          }
          if (!ctx.cancellation().isCancelled()) {
            errors.add("Post-processor failed: " + StepRunner.messageOf(e));
            chainEnded = true;
            prior = null;
            continue;
          }
          // Interrupted (e.g. Ctrl-C during compress): nothing more runs and nothing is destroyed;
          // the build's and this chain's artifacts stay. Packer's post-processors never see an
          // interrupt, so they never lose their input to one.
          keepOriginal = true;
          if (i > 0) {
            artifacts.add(prior);
          }
          break chains;
        } catch (Exception e) {
          errors.add("Post-processor failed: " + StepRunner.messageOf(e));
          chainEnded = true;
          prior = null;
          continue;
        } finally {
          ctx.log().finished(slot, Duration.ofNanos(System.nanoTime() - start), status);
        }
        if (result == null || result.artifact() == null) {
          chainEnded = true; // Packer: a nil artifact halts the chain silently.
          prior = null;
          continue;
        }
        boolean keep = keep(result, pp.keepInputArtifact());
        if (i == 0) {
          // The builder artifact may feed several chains: one vote to keep it is enough.
          keepOriginal |= keep;
        } else if (keep) {
          artifacts.add(prior);
        } else {
          destroy(prior, "Failed cleaning up prior artifact", pp.type(), errors);
        }
        prior = result.artifact();
      }
      if (prior != null) {
        artifacts.add(prior);
      }
    }
    if (keepOriginal) {
      artifacts.add(0, builderArtifact);
    } else {
      destroy(builderArtifact, "Error destroying builder artifact", null, errors);
    }
    return new Outcome(artifacts, errors);
  }

  /**
   * The post-processor's default, overridden by the user's {@code keep_input_artifact} unless the
   * post-processor forces keeping and the user said false.
   */
  static boolean keep(PostProcessor.Result result, Boolean userKeep) {
    if (userKeep == null) {
      return result.keepInputByDefault();
    }
    if (result.keepInputByDefault() && !userKeep && result.forceKeep()) {
      return true;
    }
    return userKeep;
  }

  private static void destroy(Artifact a, String what, String ppType, List<String> errors) {
    try {
      a.destroy();
    } catch (Exception e) {
      errors.add(
          what + ": " + StepRunner.messageOf(e) + (ppType == null ? "" : "; pp is " + ppType));
    }
  }

  /** Packer's {@code MultiError} text. */
  static String multiError(List<String> errors) {
    StringBuilder s = new StringBuilder(errors.size() + " error(s) occurred:\n\n");
    for (int i = 0; i < errors.size(); i++) {
      s.append(i == 0 ? "" : "\n").append("* ").append(errors.get(i));
    }
    return s.toString();
  }
}
