package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.config.Doc;
import java.util.Map;

/** {@code vpc_filter} / {@code security_group_filter}: EC2 describe filters. */
public record ResourceFilter(@Doc("Describe filters.") Map<String, String> filters) {}
