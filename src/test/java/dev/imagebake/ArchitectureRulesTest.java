package dev.imagebake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The house rules on who may import whom (ARCHITECTURE.md, issue 11), checked on the main classes
 * so that a later change cannot break them quietly. Every violation names the offending class, the
 * class it depends on and the source line.
 */
@AnalyzeClasses(packages = "dev.imagebake", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureRulesTest {

  private static final String ROOT = "dev.imagebake.";

  /** The kinds of plugin; each package directly below one of these is one plugin. */
  private static final List<String> PLUGIN_KINDS =
      List.of("builder", "provisioner", "postprocessor", "communicator");

  /**
   * Libraries of our own that one family of plugins shares, as the amazon builders share {@code
   * builder.amazon.common}: {@code dev.imagebake.docker} (the engine client, image names and the
   * image artifact) for the docker builder, communicator and post-processors, which a third-party
   * would ship as one jar. A library depends on the SDK and third-party libraries only.
   */
  private static final Map<String, String> FAMILY_LIBRARIES = Map.of(ROOT + "docker", "docker");

  /** The family a plugin belongs to ({@code docker} for {@code postprocessor.dockerpush}). */
  private static Optional<String> familyOf(String plugin) {
    String name = plugin.substring(plugin.indexOf('.') + 1);
    return name.startsWith("docker") ? Optional.of("docker") : Optional.empty();
  }

  /** The SDK is the whole plugin contract and depends on the JDK alone. */
  @ArchTest
  static final ArchRule sdkDependsOnTheJdkOnly =
      classes()
          .that()
          .resideInAPackage("dev.imagebake.sdk..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.imagebake.sdk..", "java..", "javax..")
          .because("the SDK is the plugin contract and a plugin author compiles against it alone");

  /**
   * A plugin imports the SDK, its own package tree and third-party libraries, never another part of
   * imagebake (engine, plan, config, cli, template, ui, diag) nor another plugin.
   */
  @ArchTest
  static final ArchRule pluginsDependOnTheSdkAndTheirOwnTreeOnly =
      classes()
          .that()
          .resideInAnyPackage(
              "dev.imagebake.builder..",
              "dev.imagebake.provisioner..",
              "dev.imagebake.postprocessor..",
              "dev.imagebake.communicator..",
              "dev.imagebake.docker..")
          .should(dependOnlyOnTheSdkTheirOwnPluginAndLibraries())
          .because("a plugin is written against the SDK alone, as a third-party plugin is");

  /** The engine and the plan see plugins only through the registry, by their SDK interfaces. */
  @ArchTest
  static final ArchRule onlyTheRegistrySeesPlugins =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.imagebake.engine..",
              "dev.imagebake.plan..",
              "dev.imagebake.config..",
              "dev.imagebake.template..",
              "dev.imagebake.ui..",
              "dev.imagebake.diag..",
              "dev.imagebake.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.imagebake.builder..",
              "dev.imagebake.provisioner..",
              "dev.imagebake.postprocessor..",
              "dev.imagebake.communicator..",
              "dev.imagebake.docker..")
          .because("plugins are found through ServiceLoader, never wired in by name");

  /**
   * Build tooling (the start-up indexes written after compiling, the class-data archive's training
   * run) is run by the build only; nothing that runs in production reaches it.
   */
  @ArchTest
  static final ArchRule nothingInProductionDependsOnBuildTooling =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.imagebake.buildtools..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.imagebake.buildtools..")
          .because("build tooling runs at mvn package only (docs/startup.md, \"Build tooling\")");

  /** No cycles between the top-level packages (template.interpolate counts as template). */
  @ArchTest
  static final ArchRule noCyclesBetweenTopLevelPackages =
      slices().matching("dev.imagebake.(*)..").should().beFreeOfCycles();

  /** No cycles between plugins, nor between a plugin and the rest. */
  @ArchTest
  static final ArchRule noCyclesBetweenPlugins =
      slices().assignedFrom(pluginSlices()).should().beFreeOfCycles();

  /**
   * The plugin a package belongs to, e.g. {@code provisioner.shell} for {@code
   * dev.imagebake.provisioner.shell.internal}; the amazon builders form one plugin family that
   * shares {@code builder.amazon.common}. Empty for packages outside the plugin kinds.
   */
  static Optional<String> pluginOf(String packageName) {
    if (!packageName.startsWith(ROOT)) {
      return Optional.empty();
    }
    String[] parts = packageName.substring(ROOT.length()).split("\\.");
    if (parts.length < 2 || !PLUGIN_KINDS.contains(parts[0])) {
      return Optional.empty();
    }
    return Optional.of(parts[0] + "." + parts[1]);
  }

  /** The family whose library package {@code packageName} is in, if it is one. */
  private static Optional<String> libraryOf(String packageName) {
    for (Map.Entry<String, String> library : FAMILY_LIBRARIES.entrySet()) {
      if (packageName.equals(library.getKey()) || packageName.startsWith(library.getKey() + ".")) {
        return Optional.of(library.getValue());
      }
    }
    return Optional.empty();
  }

  private static ArchCondition<JavaClass> dependOnlyOnTheSdkTheirOwnPluginAndLibraries() {
    return new ArchCondition<>("depend only on the SDK, their own plugin and libraries") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        String own =
            pluginOf(origin.getPackageName())
                .orElse(libraryOf(origin.getPackageName()).map(l -> "library " + l).orElse("?"));
        Optional<String> family =
            pluginOf(origin.getPackageName()).flatMap(ArchitectureRulesTest::familyOf);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getPackageName();
          boolean ours = target.equals("dev.imagebake") || target.startsWith(ROOT);
          boolean allowed =
              !ours
                  || target.equals(ROOT + "sdk")
                  || target.startsWith(ROOT + "sdk.")
                  || pluginOf(target).map(own::equals).orElse(false)
                  || libraryOf(target).map(l -> own.equals("library " + l)).orElse(false)
                  || (family.isPresent() && libraryOf(target).equals(family));
          if (!allowed) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    "plugin " + own + " reaches outside the SDK: " + dependency.getDescription()));
          }
        }
      }
    };
  }

  private static SliceAssignment pluginSlices() {
    return new SliceAssignment() {
      @Override
      public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(ROOT)) {
          return SliceIdentifier.ignore();
        }
        return SliceIdentifier.of(
            pluginOf(name).orElseGet(() -> name.substring(ROOT.length()).split("\\.")[0]));
      }

      @Override
      public String getDescription() {
        return "plugins (builder.<x>, provisioner.<x>, ...) and the other top-level packages";
      }
    };
  }
}
