package dev.imagebake.template.interpolate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What depends on where a string is rendered (reference §1.3, §2.2, §2.5–§2.7). */
class RenderContextTest {

  @Test
  void variableDefaultsKeepFieldActionsAndAllowEnv() throws TemplateException {
    RenderContext defaults = Contexts.builder().envAllowed(true).fields(null).build();

    assertThat(
            Contexts.render(
                "http://{{ .HTTPIP }}:{{.HTTPPort}}/{{user `name`}}-{{env `HOME`}}{{env `UNSET`}}",
                defaults))
        .isEqualTo("http://{{ .HTTPIP }}:{{.HTTPPort}}/web-/home/me");
    assertThat(Contexts.render("{{ . }}|{{- upper .X }}|{{ if .Sudo }}sudo{{ end }}!", defaults))
        .isEqualTo("{{ . }}|{{- upper .X }}|{{ if .Sudo }}sudo{{ end }}!");
    assertThat(Contexts.render("{{ with user `name` }}{{ . }}{{ end }}", defaults))
        .isEqualTo("web");
    assertThat(
            Contexts.render(
                "{{ $ip := .HTTPIP }}{{ $ip }}{{ $.X }}{{ $u := user `name` }}{{ $u }}", defaults))
        .isEqualTo("{{ $ip := .HTTPIP }}{{ $ip }}{{ $.X }}web");
  }

  @Test
  void buildPlaceholdersAtValidationRenderAgainWithRunTimeData() throws TemplateException {
    RenderContext validation =
        Contexts.builder().buildPlaceholders(true).buildData(Map.of("SourceAMIName", "x")).build();
    String prepared =
        Contexts.render(
            "ssh {{build `User`}}@{{ build \"Host\" }} # {{build `SourceAMIName`}}", validation);
    assertThat(prepared)
        .isEqualTo("ssh {{build `User`}}@{{build `Host`}} # {{build `SourceAMIName`}}");

    RenderContext runTime =
        validation.withBuildData(
            Map.of("User", "root", "Host", "127.0.0.1", "SourceAMIName", "ubuntu"));
    assertThat(Contexts.render(prepared, runTime)).isEqualTo("ssh root@127.0.0.1 # ubuntu");
  }

  @Test
  void everyCoreBuildKeyHasAPlaceholder() throws TemplateException {
    RenderContext validation = Contexts.builder().buildPlaceholders(true).build();
    for (String key : PackerFunctions.CORE_BUILD_KEYS) {
      assertThat(Contexts.render("{{build `" + key + "`}}", validation))
          .isEqualTo(PackerFunctions.placeholder(key));
    }
  }

  @Test
  void cleanResourceNameIsTheBuildersFunction() throws TemplateException {
    RenderContext amazon =
        Contexts.builder()
            .cleanResourceName(s -> s.replaceAll("[^A-Za-z0-9()\\[\\] ./'@_-]", "-"))
            .build();
    assertThat(Contexts.render("{{ isotime | clean_resource_name }}", amazon))
        .isEqualTo("2026-11-26T05-08-10Z");
    assertThat(
            Contexts.render(
                "{{isotime `2006-01-02T15:04:05Z07:00` | clean_resource_name}}", amazon))
        .isEqualTo("2026-11-26T05-08-10Z");
    assertThat(Contexts.render("{{ clean_resource_name `My AMI: (test)*?` }}", amazon))
        .isEqualTo("My AMI- (test)--");
  }

  @Test
  void timeFunctionsShareTheBuildInstant() throws TemplateException {
    assertThat(
            Contexts.render(
                "{{timestamp}} {{isotime `15:04:05`}} {{strftime `%H:%M:%S`}}",
                Contexts.standard()))
        .isEqualTo("1795669690 05:08:10 05:08:10");
  }

  @Test
  void rendersVariableValuesThatAreTemplatesThemselves() throws TemplateException {
    assertThat(Contexts.render("{{user `nested`}}", Contexts.standard())).isEqualTo("web-x");
  }

  @Test
  void rerendersEscapedActionsLikePacker() throws TemplateException {
    // Packer 1.6.6 prints A<no value>B for this in a shell-local post-processor.
    assertThat(Contexts.render("A{{ \"{{\" }}.Id{{ \"}}\" }}B", Contexts.standard()))
        .isEqualTo("A<no value>B");
    // Packer fails here (bad character); output that no longer parses is kept instead.
    assertThat(Contexts.render("A{{ `{{` }}B", Contexts.standard())).isEqualTo("A{{B");
  }

  @Test
  void aCoreBuildKeyTheArtifactDoesNotCarryRendersNoValueAsPackersSecondPass()
      throws TemplateException {
    // Packer 1.6.6, file builder + manifest custom_data {"a": "{{build `ID`}}"} and shell-local
    // "{{build `Host`}}": both print <no value> (the first pass made {{.ID}}, the second finds no
    // ID in the artifact's generated data).
    RenderContext context = Contexts.builder().buildData(Map.of()).build();
    assertThat(Contexts.render("a={{build `ID`}} h={{ build `Host` }}", context))
        .isEqualTo("a=<no value> h=<no value>");
  }

  @Test
  void stopsRerenderingSelfReproducingValues() throws TemplateException {
    RenderContext context =
        Contexts.builder().userVariables(Map.of("loop", "{{user `loop`}}x")).build();
    String rendered = Contexts.render("{{user `loop`}}", context);
    assertThat(rendered).isEqualTo("{{user `loop`}}" + "x".repeat(TemplateString.MAX_PASSES));
  }

  @Test
  void errorsInRenderedValuesHaveNoOffsetInTheSource() {
    RenderContext context = Contexts.builder().userVariables(Map.of("bad", "{{env `X`}}")).build();
    TemplateException e =
        catchThrowableOfType(
            TemplateException.class, () -> Contexts.render("abc {{user `bad`}}", context));
    assertThat(e.getMessage()).isEqualTo("error calling env: env vars are not allowed here");
    assertThat(e.offset()).isEqualTo(-1);
  }

  @Test
  void rangesAndRecordFieldsOfComponentData() throws TemplateException {
    record Artifact(String id, List<String> files) {}
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("Items", List.of("a", "b"));
    fields.put("Empty", List.of());
    fields.put("Tags", Map.of("z", "1", "a", "2"));
    fields.put("Artifact", new Artifact("ami-1", List.of("f1")));
    RenderContext context = Contexts.standard().withFields(fields);

    assertThat(Contexts.render("{{range .Items}}[{{.}}]{{end}}", context)).isEqualTo("[a][b]");
    assertThat(Contexts.render("{{range .Empty}}x{{else}}none{{end}}", context)).isEqualTo("none");
    assertThat(Contexts.render("{{range .Tags}}{{.}}{{end}} {{.Tags.z}}", context))
        .isEqualTo("21 1");
    assertThat(Contexts.render("{{.Artifact.Id}} {{index .Artifact.files 0}}", context))
        .isEqualTo("ami-1 f1");
    assertThat(Contexts.render("{{ len .Items }} {{ index .Tags `a` }} {{.Tags}}", context))
        .isEqualTo("2 2 map[a:2 z:1]");
    assertThat(Contexts.render("{{range $i, $e := .Items}}{{$i}}={{$e}};{{end}}", context))
        .isEqualTo("0=a;1=b;");
    assertThat(Contexts.render("{{range $k, $v := .Tags}}{{$k}}:{{$v}} {{end}}", context))
        .isEqualTo("a:2 z:1 ");
    assertThat(Contexts.render("{{range $e := .Items}}{{$e}}{{. | upper}}{{end}}", context))
        .isEqualTo("aAbB");
  }

  @Test
  void oneParsedStringRendersInManyContexts() throws TemplateException {
    TemplateString parsed = TemplateString.parse("{{build_name}}");
    assertThat(parsed.render(Contexts.builder().buildName("a").build())).isEqualTo("a");
    assertThat(parsed.render(Contexts.builder().buildName("b").build())).isEqualTo("b");
  }

  @Test
  void literalStringsTakeTheFastPath() throws TemplateException {
    String text = "no actions here } {";
    TemplateString parsed = TemplateString.parse(text);
    assertThat(parsed.isLiteral()).isTrue();
    assertThat(parsed.source()).isSameAs(text);
    assertThat(parsed.render(Contexts.standard())).isSameAs(text);

    TemplateString action = TemplateString.parse("a {{ `b` }}");
    assertThat(action.isLiteral()).isFalse();
    assertThat(action.source()).isEqualTo("a {{ `b` }}");
  }

  @Test
  void defaultContextHasPackerStyleUuidsAndNoOptionalFunctions() {
    RenderContext context = RenderContext.builder().build();
    assertThat(context.uuid().get())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(context.uuid().get()).isNotEqualTo(context.uuid().get());
    assertThat(context.envAllowed()).isFalse();
    assertThat(context.buildName()).isNull();
    assertThat(context.cleanResourceName()).isNull();
    assertThat(context.fields()).isEmpty();
  }
}
