package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.CancellationToken;
import dev.imagebake.sdk.CancelledException;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies the new AMI to {@code ami_regions} (CopyImage sent to each destination region), with
 * encryption and KMS keys; with an intermediary AMI (encrypt_boot, skip_save_build_region) also
 * into the build region, and deletes the intermediary afterwards.
 *
 * <p>The copies run in parallel, one thread per region (CopyImage, then the wait for the copy), as
 * Packer's goroutines do. Each copy is recorded in {@link AmazonState#IMAGES} before it is
 * requested, so the cleanup rolls it back (deregisters it and deletes its snapshots). Unlike
 * Packer, which lets the other copies run to their end, the first failure cancels the others: their
 * waits end at once and the build fails with the failure, not with a timeout later.
 */
public final class StepAmiRegionCopy implements Step {
  private final AmiConfig ami;

  public StepAmiRegionCopy(AmiConfig ami) {
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    if (Boolean.TRUE.equals(ami.skipCreateAmi())) {
      return;
    }
    AwsSession session = state.require(AmazonState.SESSION);
    String build = session.buildRegion();
    MadeImage source =
        state.require(AmazonState.IMAGES).images().stream()
            .filter(i -> i.region().equals(build))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no AMI to copy"));
    Set<String> targets = new LinkedHashSet<>();
    if (source.intermediary() && !Boolean.TRUE.equals(ami.skipSaveBuildRegion())) {
      targets.add(build);
    }
    for (String r : ConfigRules.nonNull(ami.amiRegions())) {
      if (!r.equals(build)) {
        targets.add(r);
      }
    }
    if (targets.isEmpty()) {
      return;
    }
    String name = Render.string(ctx, state, ami.amiName());
    String description = Render.string(ctx, state, ami.amiDescription());
    Map<String, String> kms = ami.regionKmsKeyIds() == null ? Map.of() : ami.regionKmsKeyIds();
    ctx.ui().say("Copying/Encrypting AMI (" + source.id() + ") to other regions...");
    Map<String, Copy> copies = new LinkedHashMap<>();
    for (String region : targets) {
      ctx.ui().message("Copying to: " + region);
      MadeImage copy = new MadeImage(region, name, null, false);
      synchronized (state) {
        state.put(AmazonState.IMAGES, state.require(AmazonState.IMAGES).with(copy));
      }
      ctx.resources().created(Ec2Resources.image(copy));
      String kmsKey = kms.getOrDefault(region, region.equals(build) ? ami.kmsKeyId() : null);
      copies.put(
          region,
          new Copy(
              ctx,
              state,
              session,
              source,
              copy,
              description,
              ConfigRules.blank(kmsKey) ? null : kmsKey));
    }
    ctx.ui().say("Waiting for all copies to complete...");
    runAll(ctx, state, copies);
    if (source.intermediary()) {
      ctx.ui().say("Deregistering the AMI and deleting unencrypted temporary AMIs and snapshots");
      ImageRollback.delete(session.ec2(build), source, ctx.resources());
      synchronized (state) {
        state.put(AmazonState.IMAGES, state.require(AmazonState.IMAGES).without(source));
      }
    }
  }

  /**
   * Runs every copy on its own thread and waits for all of them. The first failure cancels the
   * others; an interrupt of the build cancels them all. Returns only when every thread has ended,
   * so the cleanup sees every copy that was made.
   */
  private void runAll(BuildContext ctx, StateBag state, Map<String, Copy> copies) {
    CancellationToken siblings = CancellationToken.root();
    Waits waits = state.require(AmazonState.WAITS).cancelledBy(siblings);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            copies.size(),
            r -> {
              Thread t = new Thread(r, "ami-copy");
              t.setDaemon(true);
              return t;
            });
    List<String> errors = new ArrayList<>();
    List<Throwable> causes = new ArrayList<>();
    try (AutoCloseable link =
        ctx.cancellation().onCancel(() -> siblings.cancel(ctx.cancellation().reason()))) {
      ExecutorCompletionService<String> done = new ExecutorCompletionService<>(pool);
      for (Copy copy : copies.values()) {
        done.submit(() -> copy.run(waits));
      }
      for (int i = 0; i < copies.size(); i++) {
        Future<String> f = done.take();
        try {
          f.get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof CancelledException)) {
            errors.add(e.getCause().getMessage());
            causes.add(e.getCause());
            siblings.cancel("the copy of the AMI to another region failed");
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      siblings.cancel("interrupted");
      throw new CancelledException("interrupted");
    } catch (Exception e) {
      // Only the link's close can get here, and it merely removes a callback.
      throw new IllegalStateException(e);
    } finally {
      pool.shutdown();
    }
    if (!errors.isEmpty()) {
      // Packer's multierror shape when several copies failed on their own.
      String message =
          errors.size() == 1
              ? errors.get(0)
              : errors.size() + " errors occurred:\n\t* " + String.join("\n\t* ", errors);
      IllegalStateException failure = new IllegalStateException(message, causes.get(0));
      causes.stream().skip(1).forEach(failure::addSuppressed);
      throw failure;
    }
    ctx.cancellation().throwIfCancelled();
  }

  /** One region's copy: CopyImage, its id recorded, then the wait until it is available. */
  private final class Copy {
    private final BuildContext ctx;
    private final StateBag state;
    private final AwsSession session;
    private final MadeImage source;
    private final MadeImage made;
    private final String description;
    private final String kmsKey;

    Copy(
        BuildContext ctx,
        StateBag state,
        AwsSession session,
        MadeImage source,
        MadeImage made,
        String description,
        String kmsKey) {
      this.ctx = ctx;
      this.state = state;
      this.session = session;
      this.source = source;
      this.made = made;
      this.description = description;
      this.kmsKey = kmsKey;
    }

    String run(Waits waits) {
      waits.throwIfCancelled();
      String region = made.region();
      String id;
      try {
        id =
            session
                .ec2(region)
                .copyImage(
                    b ->
                        b.sourceRegion(session.buildRegion())
                            .sourceImageId(source.id())
                            .name(made.name())
                            .description(description)
                            .encrypted(ami.encryptBoot())
                            .kmsKeyId(kmsKey)
                            .clientToken(UUID.randomUUID().toString()))
                .imageId();
      } catch (RuntimeException e) {
        waits.throwIfCancelled();
        throw new IllegalStateException(
            "Error Copying AMI ("
                + source.id()
                + ") to region ("
                + region
                + "): "
                + AwsErrors.describe(e),
            e);
      }
      // Recorded by id before anything else, cancelled or not: the rollback deletes it by id.
      MadeImage copy = made.withId(id);
      ctx.resources().replace(Ec2Resources.image(made), Ec2Resources.image(copy), null);
      synchronized (state) {
        state.put(AmazonState.IMAGES, state.require(AmazonState.IMAGES).with(copy));
      }
      waits.imageAvailable(session.ec2(region), id);
      return id;
    }
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "StepAMIRegionCopy";
  }
}
