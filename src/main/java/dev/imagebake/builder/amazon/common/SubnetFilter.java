package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;
import java.util.Map;

/** {@code subnet_filter}: finds the subnet with DescribeSubnets filters. */
public record SubnetFilter(
    @Doc("DescribeSubnets filters.") Map<String, String> filters,
    @Doc("Take the subnet with the most free addresses.") Boolean mostFree,
    @Doc("Take a random matching subnet.") Boolean random) {}
