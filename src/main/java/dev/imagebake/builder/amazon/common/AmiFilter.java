package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;
import java.util.List;
import java.util.Map;

/** {@code source_ami_filter}: finds the source AMI with DescribeImages filters. */
public record AmiFilter(
    @Doc("DescribeImages filters, e.g. {\"name\": \"ubuntu/images/*\"}.")
        Map<String, String> filters,
    @Doc("Owner account ids or aliases (self, amazon); required.") List<String> owners,
    @Doc("Take the newest image when several match.") Boolean mostRecent) {

  public boolean mostRecentOrFalse() {
    return Boolean.TRUE.equals(mostRecent);
  }
}
