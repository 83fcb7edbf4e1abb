package dev.imagebake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.imagebake.plugintest.PluginJarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins from the jars of the plugin directories, built from sources against the SDK jar alone as
 * a third party would, and every way such a jar can be broken.
 */
class PluginDirectoryTest {
  private static final String SDK = "dev.imagebake.sdk.";

  @TempDir Path work;

  private Path plugins() throws IOException {
    return Files.createDirectories(work.resolve("plugins"));
  }

  private static PluginRegistry load(Path... directories) {
    return PluginRegistry.load(new PluginPath(List.of(directories)));
  }

  private static List<String> problems(Path... directories) {
    PluginLoadException e =
        catchThrowableOfType(PluginLoadException.class, () -> load(directories));
    assertThat(e).as("a PluginLoadException").isNotNull();
    return e.problems();
  }

  /** A provisioner factory whose type and constructor body are given. */
  private static String provisioner(String pkg, String cls, String type, String constructorBody) {
    return "package "
        + pkg
        + ";\n"
        + "public final class "
        + cls
        + " implements dev.imagebake.sdk.ProvisionerFactory<"
        + cls
        + ".Config> {\n"
        + "  public record Config(String message) {}\n"
        + "  public "
        + cls
        + "() { "
        + constructorBody
        + " }\n"
        + "  @Override public String type() { return \""
        + type
        + "\"; }\n"
        + "  @Override public Class<Config> configType() { return Config.class; }\n"
        + "  @Override public dev.imagebake.sdk.Provisioner create(Config c) {\n"
        + "    return (ctx, comm, data) -> ctx.ui().say(c.message());\n"
        + "  }\n"
        + "}\n";
  }

  private Path provisionerJar(Path jar, String type, String constructorBody) {
    return PluginJarBuilder.jar(
        work,
        jar,
        Map.of("p.Factory", provisioner("p", "Factory", type, constructorBody)),
        Map.of(SDK + "ProvisionerFactory", "p.Factory"),
        PluginJarBuilder.SDK_JAR);
  }

  @Test
  void theExamplePluginIsFoundWithTheJarItCameFrom() throws IOException {
    Path jar = PluginJarBuilder.helloJar(work, plugins().resolve("hello.jar"));

    PluginRegistry registry = load(plugins());

    assertThat(registry.builder("hello")).isPresent();
    assertThat(registry.builder("hello").orElseThrow().configType().getName())
        .isEqualTo("org.example.hello.HelloConfig");
    assertThat(registry.provisioner("hello-say")).isPresent();
    assertThat(registry.entries())
        .contains(
            new PluginEntry(
                PluginKind.BUILDER,
                "hello",
                "org.example.hello.HelloBuilderFactory",
                new PluginSource(jar.toAbsolutePath())),
            new PluginEntry(
                PluginKind.PROVISIONER,
                "hello-say",
                "org.example.hello.HelloSayProvisionerFactory",
                new PluginSource(jar.toAbsolutePath())))
        .anySatisfy(
            e -> {
              assertThat(e.type()).isEqualTo("shell");
              assertThat(e.source()).isEqualTo(PluginSource.BUILT_IN);
            });
  }

  @Test
  void aPluginSeesTheSdkButNotTheRestOfImagebake() throws IOException {
    PluginJarBuilder.helloJar(work, plugins().resolve("hello.jar"));
    ClassLoader loader = load(plugins()).builder("hello").orElseThrow().getClass().getClassLoader();

    assertThat(loader).isNotSameAs(PluginRegistry.class.getClassLoader());
    assertThat(loadable(loader, "dev.imagebake.sdk.BuilderFactory")).isTrue();
    assertThat(loadable(loader, "dev.imagebake.config.PluginRegistry")).isFalse();
    assertThat(loadable(loader, "tools.jackson.databind.json.JsonMapper")).isFalse();
  }

  private static boolean loadable(ClassLoader loader, String name) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void missingAndEmptyDirectoriesAddNothing() throws IOException {
    PluginRegistry registry = load(work.resolve("no-such-dir"), plugins());

    assertThat(registry.entries()).isNotEmpty().allMatch(e -> e.source().builtIn());
  }

  @Test
  void filesOtherThanJarsAreIgnored() throws IOException {
    Files.writeString(plugins().resolve("README.txt"), "not a plugin");

    assertThat(load(plugins()).entries()).allMatch(e -> e.source().builtIn());
  }

  @Test
  void aCorruptJarIsOneProblemNamingIt() throws IOException {
    Path jar = Files.write(plugins().resolve("broken.jar"), new byte[] {'P', 'K', 3, 4, 0, 0, 7});

    assertThat(problems(plugins()))
        .singleElement()
        .asString()
        .startsWith("cannot load plugin jar " + jar.toAbsolutePath() + ": not a valid jar");
  }

  @Test
  void twoJarsClaimingOneTypeAreOneProblemNamingBoth() throws IOException {
    Path first = provisionerJar(plugins().resolve("a.jar"), "greet", "");
    Path second = provisionerJar(plugins().resolve("b.jar"), "greet", "");

    assertThat(problems(plugins()))
        .containsExactly(
            "provisioner type 'greet' is provided by both "
                + first.toAbsolutePath()
                + " (p.Factory) and "
                + second.toAbsolutePath()
                + " (p.Factory)");
  }

  @Test
  void theSameJarInTwoDirectoriesIsADuplicateToo() throws IOException {
    Path a = PluginJarBuilder.helloJar(work, work.resolve("a/hello.jar"));
    Path b = Files.createDirectories(work.resolve("b"));
    Files.copy(a, b.resolve("hello.jar"));

    assertThat(problems(a.getParent(), b))
        .containsExactly(
            "builder type 'hello' is provided by both "
                + a.toAbsolutePath()
                + " (org.example.hello.HelloBuilderFactory) and "
                + b.resolve("hello.jar").toAbsolutePath()
                + " (org.example.hello.HelloBuilderFactory)",
            "provisioner type 'hello-say' is provided by both "
                + a.toAbsolutePath()
                + " (org.example.hello.HelloSayProvisionerFactory) and "
                + b.resolve("hello.jar").toAbsolutePath()
                + " (org.example.hello.HelloSayProvisionerFactory)");
  }

  @Test
  void aJarClaimingABuiltInTypeIsRefused() throws IOException {
    Path jar = provisionerJar(plugins().resolve("evil.jar"), "shell", "");

    assertThat(problems(plugins()))
        .containsExactly(
            "provisioner type 'shell' is provided by both imagebake itself"
                + " (dev.imagebake.provisioner.shell.ShellProvisionerFactory) and "
                + jar.toAbsolutePath()
                + " (p.Factory)");
  }

  @Test
  void aFactoryConstructorThatThrowsNamesTheJarAndTheCause() throws IOException {
    Path jar =
        provisionerJar(
            plugins().resolve("throws.jar"),
            "greet",
            "throw new IllegalStateException(\"no licence key\");");

    assertThat(problems(plugins()))
        .singleElement()
        .asString()
        .startsWith("cannot load plugin jar " + jar.toAbsolutePath() + ": ")
        .contains("p.Factory could not be instantiated")
        .endsWith("java.lang.IllegalStateException: no licence key");
  }

  @Test
  void aServicesFileNamingAMissingClassNamesTheJarAndTheClass() throws IOException {
    Path jar =
        PluginJarBuilder.jar(
            work,
            plugins().resolve("missing.jar"),
            Map.of("p.Factory", provisioner("p", "Factory", "greet", "")),
            Map.of(SDK + "ProvisionerFactory", "p.Factory\np.Typo"),
            PluginJarBuilder.SDK_JAR);

    assertThat(problems(plugins()))
        .containsExactly(
            "cannot load plugin jar "
                + jar.toAbsolutePath()
                + ": dev.imagebake.sdk.ProvisionerFactory: Provider p.Typo not found");
  }

  @Test
  void classesForANewerJavaNameTheJarAndTheVersion() throws IOException {
    Path src = Files.createDirectories(work.resolve("newer-src/p"));
    Files.writeString(src.resolve("Factory.java"), provisioner("p", "Factory", "greet", ""));
    Path classes =
        PluginJarBuilder.compile(
            src.getParent(), work.resolve("newer-classes"), PluginJarBuilder.SDK_JAR);
    Path factory = classes.resolve("p/Factory.class");
    byte[] bytes = Files.readAllBytes(factory);
    bytes[6] = 0;
    bytes[7] = 99; // class file major version 99: a Java far newer than this one
    Files.write(factory, bytes);
    Path services = Files.createDirectories(work.resolve("newer-res/META-INF/services"));
    Files.writeString(services.resolve(SDK + "ProvisionerFactory"), "p.Factory\n");
    Path jar =
        PluginJarBuilder.jar(
            plugins().resolve("newer.jar"), classes, services.getParent().getParent());

    assertThat(problems(plugins()))
        .singleElement()
        .asString()
        .startsWith("cannot load plugin jar " + jar.toAbsolutePath() + ": ")
        .contains("UnsupportedClassVersionError", "p/Factory", "class file version 99.0");
  }

  @Test
  void aPluginUsingImagebakeBeyondTheSdkIsToldSo() throws IOException {
    Path jar =
        PluginJarBuilder.jar(
            work,
            plugins().resolve("leaky.jar"),
            Map.of(
                "p.Factory",
                provisioner(
                    "p",
                    "Factory",
                    "greet",
                    "dev.imagebake.config.PluginKind.valueOf(\"BUILDER\");")),
            Map.of(SDK + "ProvisionerFactory", "p.Factory"),
            Path.of("target/classes"));

    assertThat(problems(plugins()))
        .singleElement()
        .asString()
        .startsWith("cannot load plugin jar " + jar.toAbsolutePath() + ": ")
        .contains("NoClassDefFoundError: dev/imagebake/config/PluginKind")
        .endsWith("(a plugin may use only the SDK, dev.imagebake.sdk, of imagebake's classes)");
  }

  @Test
  void aPluginPathEntryThatIsAFileIsAProblem() throws IOException {
    Path file = Files.writeString(work.resolve("plugins.txt"), "");

    assertThat(problems(file)).containsExactly("plugin directory " + file + " is not a directory");
  }

  @Test
  void thePluginPathComesFromTheEnvironment() {
    assertThat(PluginPath.from(Map.of("IMAGEBAKE_PLUGIN_PATH", "/a::/b:")).directories())
        .containsExactly(Path.of("/a"), Path.of("/b"));
    assertThat(PluginPath.from(Map.of("IMAGEBAKE_PLUGIN_PATH", "")).directories()).isEmpty();
    assertThat(PluginPath.from(Map.of("HOME", "/home/u")).directories())
        .containsExactly(Path.of("/home/u/.imagebake/plugins"));
  }
}
