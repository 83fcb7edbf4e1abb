package dev.imagebake.template.interpolate;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What a template string may see when rendered. Which functions work depends on where the string is
 * (reference §2.2): {@code env} only in variable defaults, {@code build} only in provisioners and
 * post-processors, {@code clean_resource_name} only in builders that define it.
 *
 * @param userVariables values for {@code {{user `x`}}}; an undefined name is an error
 * @param envAllowed whether {@code env} may be called (variable defaults only)
 * @param env looks up an environment variable ("" when unset)
 * @param buildName for {@code build_name}, or null where not available
 * @param buildType for {@code build_type}, or null where not available
 * @param templateDir absolute directory of the template, for {@code template_dir}
 * @param workingDir for {@code pwd}
 * @param version for {@code packer_version}, or null where not available
 * @param buildData for {@code {{build `KEY`}}}, or null where not available; see {@link
 *     #buildPlaceholders}
 * @param buildPlaceholders at validation time: {@code build} of a known key renders a placeholder
 *     instead of failing
 * @param fields for {@code {{ .Field }}}; a missing field renders {@code <no value>}; null keeps
 *     {@code {{ .Field }}} actions literally (variable defaults)
 * @param instant the one build-wide instant behind {@code timestamp}, {@code isotime}, {@code
 *     strftime}
 * @param uuid source of {@code uuid} values
 * @param cleanResourceName the builder's {@code clean_resource_name}, or null where undefined
 */
public record RenderContext(
    Map<String, String> userVariables,
    boolean envAllowed,
    UnaryOperator<String> env,
    String buildName,
    String buildType,
    String templateDir,
    String workingDir,
    String version,
    Map<String, String> buildData,
    boolean buildPlaceholders,
    Map<String, ?> fields,
    Instant instant,
    Supplier<String> uuid,
    UnaryOperator<String> cleanResourceName) {}
