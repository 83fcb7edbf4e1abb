package dev.imagebake.plan;

import dev.imagebake.config.BindResult;
import dev.imagebake.config.ConfigBinder;
import dev.imagebake.config.PluginKind;
import dev.imagebake.config.PluginRegistry;
import dev.imagebake.config.SecretValues;
import dev.imagebake.diag.Diagnostic;
import dev.imagebake.diag.Locations;
import dev.imagebake.diag.SourceRef;
import dev.imagebake.sdk.BuilderFactory;
import dev.imagebake.sdk.PluginFactory;
import dev.imagebake.sdk.PostProcessorFactory;
import dev.imagebake.sdk.ProvisionerFactory;
import dev.imagebake.sdk.UsesCommunicator;
import dev.imagebake.template.BuilderBlock;
import dev.imagebake.template.LoadedTemplate;
import dev.imagebake.template.PostProcessorBlock;
import dev.imagebake.template.ProvisionerBlock;
import dev.imagebake.template.ResolvedVariables;
import dev.imagebake.template.Template;
import dev.imagebake.template.TemplateLoader;
import dev.imagebake.template.Variables;
import dev.imagebake.template.interpolate.RenderContext;
import dev.imagebake.template.interpolate.TemplateException;
import dev.imagebake.template.interpolate.TemplateString;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a template the way {@code packer validate} does, plus what Packer misses: loads it,
 * resolves its variables, selects builds with {@code -only}/{@code -except}, and binds every
 * builder, provisioner and post-processor block for every selected build. All problems of all
 * stages are reported; a stage runs only when the one before it found no errors (as in Packer:
 * nothing can be said about blocks of a file that is not JSON).
 *
 * <p>One checker serves many templates (one JVM for a CI folder): plugin lookups and compiled
 * schemas are shared. Thread-confined.
 */
public final class TemplateChecker {
  private final PluginRegistry registry;
  private final ConfigBinder binder;

  public TemplateChecker(PluginRegistry registry, Path workingDir) {
    this.registry = registry;
    this.binder =
        new ConfigBinder(
            workingDir,
            Path.of(System.getProperty("user.home")),
            System.getenv(),
            registry::communicator);
  }

  /** The plugins templates are checked against. */
  public PluginRegistry plugins() {
    return registry;
  }

  public CheckedTemplate check(Path file, CheckOptions options) {
    LoadedTemplate loaded = TemplateLoader.load(file, options.stdin());
    List<Diagnostic> problems = new ArrayList<>(loaded.diagnostics().all());
    if (loaded.diagnostics().hasErrors() || options.syntaxOnly()) {
      return new CheckedTemplate(file, loaded, null, problems, List.of(), Set.of());
    }
    problems.addAll(TemplateLoader.check(loaded, Versions.PACKER_COMPATIBLE).all());
    RenderContext base = baseContext(file, options);
    ResolvedVariables variables =
        Variables.resolve(loaded, options.vars(), options.varFiles(), base);
    problems.addAll(variables.diagnostics().all());
    Set<String> secrets = new HashSet<>(variables.secrets());
    if (hasErrors(problems)) {
      return new CheckedTemplate(file, loaded, variables, dedupe(problems), List.of(), secrets);
    }
    RenderContext withVariables = base.toBuilder().userVariables(variables.values()).build();
    Run run = new Run(loaded, withVariables, problems, secrets);
    List<PreparedBuild> builds = run.prepare(options);
    boolean failed = hasErrors(problems);
    return new CheckedTemplate(
        file, loaded, variables, dedupe(problems), failed ? List.of() : builds, secrets);
  }

  private static RenderContext baseContext(Path file, CheckOptions options) {
    Path dir = file.toString().equals("-") ? options.workingDir() : absoluteParent(file, options);
    Map<String, String> env = options.env();
    return RenderContext.builder()
        .env(name -> env.getOrDefault(name, ""))
        .templateDir(dir.toString())
        .workingDir(options.workingDir().toString())
        .version(Versions.PACKER_COMPATIBLE)
        .instant(options.instant())
        .build();
  }

  private static Path absoluteParent(Path file, CheckOptions options) {
    Path abs = options.workingDir().resolve(file).toAbsolutePath().normalize();
    Path parent = abs.getParent();
    return parent == null ? abs : parent;
  }

  private static boolean hasErrors(List<Diagnostic> problems) {
    return problems.stream().anyMatch(Diagnostic::isError);
  }

  /**
   * The same block checked for several builds reports the same problem once; problems are listed in
   * file order (those without a position, such as command-line flags, first).
   */
  private static List<Diagnostic> dedupe(List<Diagnostic> problems) {
    List<Diagnostic> unique = new ArrayList<>(new LinkedHashSet<>(problems));
    unique.sort(
        "off".equals(System.getProperty("imagebake.startup.plainComparators"))
            ? java.util.Comparator.comparing((Diagnostic d) -> String.valueOf(d.source().file()))
                .thenComparing(d -> d.source().line())
                .thenComparing(d -> d.source().column())
            : Diagnostic::compareFileLineColumn);
    return unique;
  }

  /** The state of one check. */
  private final class Run {
    private final LoadedTemplate loaded;
    private final Template template;
    private final Locations locations;
    private final RenderContext context;
    private final List<Diagnostic> problems;
    private final Set<String> secrets;
    private final Set<String> reportedTypes = new HashSet<>();

    Run(
        LoadedTemplate loaded,
        RenderContext context,
        List<Diagnostic> problems,
        Set<String> secrets) {
      this.loaded = loaded;
      this.template = loaded.template();
      this.locations = loaded.locations();
      this.context = context;
      this.problems = problems;
      this.secrets = secrets;
    }

    List<PreparedBuild> prepare(CheckOptions options) {
      Map<String, BuilderBlock> byName = new LinkedHashMap<>();
      for (BuilderBlock block : template.builders()) {
        String name = renderName(block);
        if (name != null) {
          byName.put(name, block);
        }
      }
      // Both flags may name post-processors too (by name, which defaults to the type): -except
      // skips them with the rest of their chain, -only ignores them, as Packer does.
      Set<String> selectable = new LinkedHashSet<>(byName.keySet());
      template.postProcessors().forEach(chain -> chain.forEach(pp -> selectable.add(pp.name())));
      checkSelection("-only", options.only(), selectable, "build or post-processor");
      checkSelection("-except", options.except(), selectable, "build or post-processor");
      List<PreparedBuild> builds = new ArrayList<>();
      byName.forEach(
          (name, block) -> {
            boolean selected =
                (options.only().isEmpty() || options.only().contains(name))
                    && !options.except().contains(name);
            if (selected) {
              PreparedBuild build = prepare(name, block);
              if (build != null) {
                builds.add(build);
              }
            }
          });
      return builds;
    }

    private String renderName(BuilderBlock block) {
      try {
        return TemplateString.parse(block.rawName()).render(context);
      } catch (TemplateException e) {
        problems.add(
            Diagnostic.error(
                locations.valueAt(block.pointer() + "/name"), "invalid 'name': " + e.getMessage()));
        return null;
      }
    }

    /** Packer ignores names that select nothing; a typo then silently builds nothing. */
    private void checkSelection(String flag, List<String> names, Set<String> known, String what) {
      for (String name : names) {
        if (!known.contains(name)) {
          problems.add(
              Diagnostic.error(
                      SourceRef.file(locations.file()),
                      flag + " names '" + name + "', which is not a " + what + " of this template")
                  .withHint("the " + what + " names are: " + String.join(", ", known)));
        }
      }
    }

    private PreparedBuild prepare(String name, BuilderBlock block) {
      int before = problems.size();
      BuilderFactory<?> builderFactory =
          lookup(PluginKind.BUILDER, block.type(), block.pointer(), BuilderFactory.class);
      RenderContext buildContext =
          context.toBuilder()
              .buildName(name)
              .buildType(block.type())
              .cleanResourceName(builderFactory == null ? null : builderFactory.cleanResourceName())
              .build();
      Record builderConfig = null;
      if (builderFactory != null) {
        builderConfig =
            bind(
                builderFactory,
                block.config(),
                block.pointer(),
                locations,
                new TemplateRenderer(buildContext.toBuilder().fields(Map.of()).build()));
      }
      RenderContext componentContext = buildContext.toBuilder().buildPlaceholders(true).build();
      List<Prepared.Provisioner> provisioners = new ArrayList<>();
      for (ProvisionerBlock p : template.provisioners()) {
        if (runsFor(p.only(), p.except(), block.rawName())) {
          provisioners.add(provisioner(p, block.rawName(), componentContext));
        }
      }
      requireCommunicator(name, builderConfig, block.rawName());
      Prepared.Provisioner cleanup = null;
      ProvisionerBlock ecp = template.errorCleanupProvisioner();
      if (ecp != null && runsFor(ecp.only(), ecp.except(), block.rawName())) {
        cleanup = provisioner(ecp, block.rawName(), componentContext);
      }
      List<List<Prepared.PostProcessor>> chains = new ArrayList<>();
      for (List<PostProcessorBlock> chain : template.postProcessors()) {
        List<Prepared.PostProcessor> steps = new ArrayList<>();
        for (PostProcessorBlock pp : chain) {
          if (runsFor(pp.only(), pp.except(), block.rawName())) {
            steps.add(postProcessor(pp, componentContext));
          }
        }
        if (!steps.isEmpty()) {
          chains.add(steps);
        }
      }
      // A block that failed may have been reported already for an earlier build (problems are
      // reported once), so look at what was bound, not at what was reported now.
      boolean incomplete =
          builderConfig == null
              || provisioners.contains(null)
              || (ecp != null
                  && cleanup == null
                  && runsFor(ecp.only(), ecp.except(), block.rawName()))
              || chains.stream().anyMatch(c -> c.contains(null));
      if (incomplete || hasErrors(problems.subList(before, problems.size()))) {
        return null;
      }
      return new PreparedBuild(
          name,
          block.rawName(),
          block.type(),
          builderFactory,
          builderConfig,
          provisioners,
          cleanup,
          chains,
          buildContext);
    }

    /**
     * With {@code "communicator": "none"} a provisioner that runs on the machine would fail when
     * the build reaches it (after the machine was made); say so now, at the provisioner.
     */
    private void requireCommunicator(String buildName, Record builderConfig, String rawName) {
      if (!(builderConfig instanceof UsesCommunicator block)
          || block.comm() == null
          || !block.comm().type().equals("none")) {
        return;
      }
      for (ProvisionerBlock p : template.provisioners()) {
        Optional<ProvisionerFactory<?>> factory = registry.provisioner(p.type());
        if (runsFor(p.only(), p.except(), rawName)
            && factory.isPresent()
            && factory.get().needsCommunicator()) {
          problems.add(
              Diagnostic.error(
                      locations.valueAt(p.pointer() + "/type"),
                      "the "
                          + p.type()
                          + " provisioner runs on the machine, which build '"
                          + buildName
                          + "' cannot reach: its builder has \"communicator\": \"none\"")
                  .withHint(
                      "set a communicator on the builder, or limit the provisioner with"
                          + " \"only\"/\"except\"; shell-local runs without one"));
        }
      }
    }

    private static boolean runsFor(List<String> only, List<String> except, String rawName) {
      return (only.isEmpty() || only.contains(rawName)) && !except.contains(rawName);
    }

    private Prepared.Provisioner provisioner(
        ProvisionerBlock p, String rawBuildName, RenderContext componentContext) {
      ProvisionerFactory<?> factory =
          lookup(PluginKind.PROVISIONER, p.type(), p.pointer(), ProvisionerFactory.class);
      int maxRetries = maxRetries(p);
      if (factory == null) {
        return null;
      }
      ObjectNode config = p.config();
      Locations where = locations;
      ObjectNode override = p.override().get(rawBuildName);
      if (override != null) {
        config = config.deepCopy();
        Map<String, String> moved = new LinkedHashMap<>();
        for (Map.Entry<String, tools.jackson.databind.JsonNode> e : override.properties()) {
          config.set(e.getKey(), e.getValue());
          moved.put(
              e.getKey(),
              p.pointer() + "/override/" + escape(rawBuildName) + "/" + escape(e.getKey()));
        }
        where = new OverlayLocations(locations, p.pointer(), moved);
      }
      Record bound =
          bind(factory, config, p.pointer(), where, new TemplateRenderer(componentContext));
      if (bound == null) {
        return null;
      }
      return new Prepared.Provisioner(
          p.type(), factory, bound, p.pauseBefore(), maxRetries, p.timeout());
    }

    private int maxRetries(ProvisionerBlock p) {
      if (p.maxRetries() == null || p.maxRetries().isEmpty()) {
        return 0;
      }
      String text;
      try {
        text = TemplateString.parse(p.maxRetries()).render(context);
      } catch (TemplateException e) {
        problems.add(
            Diagnostic.error(
                locations.valueAt(p.pointer() + "/max_retries"),
                "invalid 'max_retries': " + e.getMessage()));
        return 0;
      }
      try {
        return Integer.parseInt(text.trim());
      } catch (NumberFormatException e) {
        problems.add(
            Diagnostic.error(
                locations.valueAt(p.pointer() + "/max_retries"),
                "`max_retries` must be a valid integer: strconv.Atoi: parsing \""
                    + text
                    + "\": invalid syntax"));
        return 0;
      }
    }

    private Prepared.PostProcessor postProcessor(
        PostProcessorBlock pp, RenderContext componentContext) {
      PostProcessorFactory<?> factory =
          lookup(PluginKind.POST_PROCESSOR, pp.type(), pp.pointer(), PostProcessorFactory.class);
      if (factory == null) {
        return null;
      }
      Record bound =
          bind(
              factory,
              pp.config(),
              pp.pointer(),
              locations,
              new TemplateRenderer(componentContext));
      if (bound == null) {
        return null;
      }
      return new Prepared.PostProcessor(
          pp.name(), pp.type(), factory, bound, pp.keepInputArtifact());
    }

    private <F extends PluginFactory<?>> F lookup(
        PluginKind kind, String type, String pointer, Class<F> factoryType) {
      var found = registry.find(kind, type);
      if (found.isPresent()) {
        return factoryType.cast(found.get());
      }
      if (reportedTypes.add(kind + " " + type)) {
        problems.add(
            Diagnostic.error(
                locations.valueAt(pointer + "/type"), registry.unknownTypeMessage(kind, type)));
      }
      return null;
    }

    private <C extends Record> C bind(
        PluginFactory<C> factory,
        ObjectNode config,
        String pointer,
        Locations where,
        TemplateRenderer renderer) {
      BindResult<C> result = binder.bind(factory, config, pointer, where, renderer);
      problems.addAll(result.diagnostics());
      if (result.checked() != null) {
        // Also from a block with errors: its rules' messages may quote the other keys' values.
        SecretValues.collect(result.checked(), secrets);
      }
      return result.config();
    }
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
