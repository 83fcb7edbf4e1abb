package dev.imagebake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line itself: commands, Packer's flag spellings, exit codes, streams. */
class MainTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Main.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Map.of());
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path template(String json) throws Exception {
    return Files.writeString(dir.resolve("t.json"), json);
  }

  @Test
  void helpListsEveryCommand() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("validate", "build", "inspect", "schema", "plugins", "version", "completion");
  }

  static Stream<String> commands() {
    return RootCommand.COMMANDS.keySet().stream();
  }

  /** Packer's commands take -h/-help/--help; so does every command here, and `help CMD`. */
  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandPrintsItsOwnHelp(String command) {
    for (Run r :
        List.of(
            run(command, "--help"),
            run(command, "-h"),
            run(command, "-help"),
            run("help", command))) {
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).startsWith("Usage: imagebake " + command);
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void packerCommandsImagebakeLacksGetOneLine() {
    for (String command : List.of("hcl2_upgrade", "init", "fmt")) {
      Run r = run(command, "x");
      assertThat(r.code()).isEqualTo(127);
      assertThat(r.err().lines())
          .containsExactly(
              "imagebake: 'packer "
                  + command
                  + "' has no imagebake counterpart yet; run 'imagebake --help' for the commands");
    }
  }

  @Test
  void hcl2TemplatesGetOneLine() throws Exception {
    Path hcl = Files.writeString(dir.resolve("t.pkr.hcl"), "source \"null\" \"x\" {}\n");
    Run r = run("validate", hcl.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "HCL2 templates (.pkr.hcl, .pkr.json) are not read by imagebake; it reads Packer's"
                + " JSON templates")
        .doesNotContain("invalid character");
  }

  @Test
  void packersVersionFlags() {
    for (String flag : List.of("-v", "-version", "--version")) {
      assertThat(run(flag).out()).startsWith("imagebake ");
    }
  }

  @Test
  void versionFlagAndCommand() {
    assertThat(run("--version").out()).startsWith("imagebake ");
    assertThat(run("version").out()).startsWith("imagebake v");
  }

  @Test
  void noCommandOrAnUnknownOneExits127WithASuggestion() {
    assertThat(run().code()).isEqualTo(127);
    Run r = run("valdiate", "x.json");
    assertThat(r.code()).isEqualTo(127);
    assertThat(r.err()).contains("validate");
  }

  @Test
  void anUnknownFlagIsAUsageError() throws Exception {
    Run r = run("validate", "-nope", template("{}").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("-nope");
  }

  @Test
  void packerSingleDashFlagsAndGnuFormsBothWork() throws Exception {
    Path t =
        template(
            """
            {"variables": {"who": null},
             "builders": [{"type": "null", "name": "a", "communicator": "none"},
                          {"type": "null", "name": "b", "communicator": "none"}]}
            """);
    assertThat(run("validate", "-var", "who=x", "-only=a", t.toString()).code()).isZero();
    assertThat(run("validate", "--var", "who=x", "--except", "b", t.toString()).code()).isZero();
    Run missing = run("validate", t.toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("required variable not set: who");
  }

  @Test
  void validateReportsOnStderrAndTheVerdictOnStdout() throws Exception {
    Path t = template("{\"builders\": [{\"type\": \"null\", \"communicator\": \"nope\"}]}");
    Run r = run("validate", t.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("t.json:1:").contains("communicator");
    assertThat(r.out()).contains("invalid");
  }

  @Test
  void plainValidateSkipsPicocliAndAnswersAsPicocliWould() throws Exception {
    Path bad = template("{\"builders\": [{\"type\": \"null\", \"communicator\": \"nope\"}]}");
    Path good =
        Files.writeString(
            dir.resolve("ok.json"),
            "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}");
    Cli cli = new Cli(System.out, System.err, Map.of(), false);
    assertThat(PlainCommands.validate(cli, List.of("validate", bad.toString(), good.toString())))
        .isPresent();
    for (String other : List.of("-", "--", "-syntax-only", "@args", "--help", "")) {
      assertThat(PlainCommands.validate(cli, List.of("validate", other, good.toString())))
          .as(other)
          .isEmpty();
    }
    assertThat(PlainCommands.validate(cli, List.of("inspect", good.toString()))).isEmpty();
    // "--" makes picocli parse the same operands: both paths must print the same.
    Run plain = run("validate", bad.toString(), good.toString());
    Run picocli = run("validate", "--", bad.toString(), good.toString());
    assertThat(plain).isEqualTo(picocli);
    assertThat(plain.code()).isEqualTo(1);
    assertThat(plain.out()).contains("invalid: 1 error").contains("The configuration is valid.");
  }

  @Test
  void plainBuildAndRegistryGetSetWhatPicocliSets() throws Exception {
    Path t = template("{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}");
    Cli cli = new Cli(System.out, System.err, Map.of(), false);
    List<List<String>> plainForms =
        List.of(
            List.of("build", t.toString()),
            List.of("build", "--registry", t.toString()),
            List.of("build", "-registry", t.toString()),
            List.of("build", "-var", "a=b", "--var", "c=-1", "-var-file", "v.json", t.toString()),
            List.of("build", "-var-file", "v.json", "--registry", "-var", "a=b=c", t.toString()),
            List.of("validate", t.toString()),
            List.of("validate", "-var", "a=b", "--var-file", "v.json", t.toString(), "x.json"),
            List.of("registry", "get", "web", "prod"));
    for (List<String> args : plainForms) {
      Object plain = PlainCommands.parse(cli, args).orElseThrow(() -> new AssertionError(args));
      picocli.CommandLine.ParseResult parsed =
          CommandLines.commandLine(cli, args.get(0), args.size() > 1 ? args.get(1) : null)
              .parseArgs(args.toArray(String[]::new));
      while (parsed.hasSubcommand()) {
        parsed = parsed.subcommand();
      }
      Object byPicocli = parsed.commandSpec().userObject();
      assertThat(plain).as("%s", args).hasSameClassAs(byPicocli);
      assertThat(plain).as("%s", args).usingRecursiveComparison().isEqualTo(byPicocli);
    }
    for (List<String> args :
        List.of(
            List.of("build", "-", t.toString()),
            List.of("build", "--", t.toString()),
            List.of("build", "-force", t.toString()),
            List.of("build", "--registry", "--registry", t.toString()),
            List.of("build", t.toString(), "-var", "a=b"),
            List.of("build", "-var", t.toString()),
            List.of("build", "-var", "-a=b", t.toString()),
            List.of("build", "-var", "@a", t.toString()),
            List.of("build", "-var=a=b", t.toString()),
            List.of("build", "-only", "x", t.toString()),
            List.of("build", "-var-file", "-", t.toString()),
            List.of("build", "-var", "a=b"),
            List.of("validate", "-var", "a=b"),
            List.of("validate", "--registry", t.toString()),
            List.of("validate", t.toString(), "-var", "a=b"),
            List.of("build", "@args"),
            List.of("build", "-"),
            List.of("build", ""),
            List.of("registry", "get", "web"),
            List.of("registry", "get", "web", "--format"),
            List.of("registry", "get", "-web", "prod"),
            List.of("registry", "versions", "web", "prod"))) {
      assertThat(PlainCommands.parse(cli, args)).as("%s", args).isEmpty();
    }
  }

  @Test
  void githubAnnotationsAndJsonGoToStdout() throws Exception {
    Path t = template("{\"builders\": [{\"type\": \"null\", \"ssh_hots\": \"x\"}]}");
    Run gh = run("validate", "--format", "github", t.toString());
    assertThat(gh.out()).contains("::error file=" + t + ",line=1,col=");
    Run json = run("validate", "-format=json", t.toString());
    assertThat(json.out()).contains("\"valid\" : false").contains("ssh_hots");
  }

  @Test
  void machineReadableIsAGlobalSwitchAnywhere() {
    assertThat(run("version", "-machine-readable").out()).containsPattern("\\d+,,version,");
    assertThat(run("-machine-readable", "version").out()).containsPattern("\\d+,,version,");
  }

  @Test
  void completionScriptsForBashAndZsh() {
    Run bash = run("completion", "bash");
    assertThat(bash.code()).isZero();
    assertThat(bash.out())
        .contains("complete")
        .contains("validate")
        .contains("plugins")
        .contains("-var-file");
    assertThat(run("completion", "zsh").out()).contains("bashcompinit");
  }

  @Test
  void schemaPrintsTheCommittedFile() throws Exception {
    Run r = run("schema");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(Path.of("schema/template.schema.json")));
  }

  @Test
  void badOnErrorValueIsAUsageError() throws Exception {
    Path t = template("{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}");
    Run r = run("build", "-on-error=explode", t.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("explode");
  }

  /** A directory stands for every *.json under it, recursively; the files taken are named. */
  @Test
  void validateADirectoryValidatesEveryTemplateUnderIt() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    String good = "{\"builders\": [{\"type\": \"null\", \"communicator\": \"none\"}]}";
    Path a = Files.writeString(dir.resolve("tree/a.json"), good);
    Path b = Files.writeString(tree.resolve("b.json"), "{\"builders\": [{\"type\": \"nope\"}]}");
    Files.writeString(tree.resolve("notes.txt"), "not a template");
    Files.writeString(tree.resolve("x.pkr.json"), "{}");
    Run r = run("validate", dir.resolve("tree").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains(dir.resolve("tree") + ": 2 templates: " + a + " " + b);
    assertThat(r.out().lines())
        .containsExactly(a + ": The configuration is valid.", b + ": invalid: 1 error");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Run none = run("validate", empty.toString());
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no *.json template under the directory " + empty);
  }

  /** A file source with {{ }} that validation can render is checked as rendered. */
  @Test
  void fileSourcesWithTemplateDirAreCheckedAsRendered() throws Exception {
    Path t =
        template(
            "{\"builders\": [{\"type\": \"null\", \"communicator\": \"ssh\","
                + " \"ssh_host\": \"h\", \"ssh_username\": \"u\", \"ssh_password\": \"pw-1\"}],"
                + " \"provisioners\": [{\"type\": \"file\","
                + " \"source\": \"{{template_dir}}/../modules-gone\", \"destination\": \"/tmp/m\"}]}");
    Run r = run("validate", t.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("Bad source '" + dir + "/../modules-gone': stat ");
  }

  /** Packer users type one dash: every long option of build, validate and inspect takes it. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"build", "validate", "inspect"})
  void everyLongOptionAlsoTakesPackersSingleDash(String command) {
    Cli cli = new Cli(System.out, System.err, Map.of(), false);
    picocli.CommandLine cl = CommandLines.commandLine(cli, command).getSubcommands().get(command);
    for (picocli.CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
      List<String> names = List.of(o.names());
      for (String n : names) {
        if (n.startsWith("--")) {
          assertThat(names).as(command + " " + n).contains(n.substring(1));
        }
      }
    }
  }
}
