package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Finds the source AMI from {@code source_ami} and/or {@code source_ami_filter}. Produces {@link
 * AmazonState#SOURCE_IMAGE} and {@link AmazonState#TEMPLATE_DATA}.
 */
public final class StepSourceAmiInfo implements Step {
  private final RunConfig run;
  private final AmiConfig ami;

  public StepSourceAmiInfo(RunConfig run, AmiConfig ami) {
    this.run = run;
    this.ami = ami;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) {
    AwsSession session = state.require(AmazonState.SESSION);
    DescribeImagesRequest.Builder req = DescribeImagesRequest.builder();
    if (!ConfigRules.blank(run.sourceAmi())) {
      req.imageIds(run.sourceAmi());
    }
    AmiFilter filter = run.sourceAmiFilter();
    List<Filter> filters = new ArrayList<>();
    if (filter != null) {
      if (filter.filters() != null) {
        filter.filters().forEach((k, v) -> filters.add(Filter.builder().name(k).values(v).build()));
      }
      req.owners(ConfigRules.nonNull(filter.owners())).filters(filters);
    }
    List<Image> images;
    try {
      images = session.ec2().describeImages(req.build()).images();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Error querying AMI: " + AwsErrors.describe(e), e);
    }
    if (images.isEmpty()) {
      throw new IllegalStateException(
          "No AMI was found matching filters: " + describe(run.sourceAmi(), filter));
    }
    boolean mostRecent = filter != null && filter.mostRecentOrFalse();
    if (images.size() > 1 && !mostRecent) {
      throw new IllegalStateException(
          "Your query returned more than one result. Please try a more specific search, or set"
              + " most_recent to true.");
    }
    Image image =
        images.stream()
            .max(Comparator.comparing(i -> i.creationDate() == null ? "" : i.creationDate()))
            .orElseThrow();
    ctx.ui().message("Found Image ID: " + image.imageId());
    boolean enhanced =
        Boolean.TRUE.equals(ami.enaSupport()) || Boolean.TRUE.equals(ami.sriovSupport());
    if (enhanced && !"hvm".equals(image.virtualizationTypeAsString())) {
      throw new IllegalStateException("Enhanced Networking is only supported on HVM AMIs.");
    }
    state.put(AmazonState.SOURCE_IMAGE, image);
    state.put(AmazonState.TEMPLATE_DATA, TemplateData.of(session.buildRegion(), image));
  }

  private static String describe(String id, AmiFilter filter) {
    StringBuilder s = new StringBuilder();
    if (id != null) {
      s.append("image id ").append(id);
    }
    if (filter != null) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append("filters ").append(filter.filters()).append(" owners ").append(filter.owners());
    }
    return s.toString();
  }

  /** Packer 1.6.6's name for this step (as {@code -debug} and the timing table show it). */
  @Override
  public String name() {
    return "StepSourceAMIInfo";
  }
}
