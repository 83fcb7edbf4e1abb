package dev.imagebake.cli;

import dev.imagebake.diag.DiagnosticRenderer;
import dev.imagebake.plan.CheckOptions;
import dev.imagebake.plan.CheckedTemplate;
import dev.imagebake.template.BuilderBlock;
import dev.imagebake.template.PostProcessorBlock;
import dev.imagebake.template.ProvisionerBlock;
import dev.imagebake.template.Template;
import dev.imagebake.template.TemplateVariable;
import dev.imagebake.ui.MachineReadableRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code imagebake inspect}: what a template declares, as Packer prints it (variables raw,
 * sensitive ones masked), plus its post-processor chains.
 */
@Command(name = "inspect", description = "Show a template's variables, builds and components.")
final class InspectCommand implements Callable<Integer> {
  private static final String NOTE =
      "Note: If your build names contain user variables or template\n"
          + "functions such as 'timestamp', these are processed at build time,\n"
          + "and therefore only show in their raw form here.";

  private final Cli cli;

  @Option(
      names = {"--format", "-format"},
      paramLabel = "FORMAT",
      description = "text (default, Packer's layout) or json.")
  String format = "text";

  @Parameters(paramLabel = "TEMPLATE", description = "The template file ('-': stdin).")
  Path template;

  InspectCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      cli.err().println("imagebake: --format must be text or json, not '" + format + "'");
      return ExitCodes.USAGE;
    }
    CheckOptions options =
        Checking.options(cli, new VariableOptions(), new SelectionOptions(), true);
    CheckedTemplate checked = Checking.checker(cli).check(template, options);
    if (checked.hasErrors()) {
      cli.err()
          .print(
              DiagnosticRenderer.text(checked.sourceLines(), checked::mask)
                  .render(checked.diagnostics()));
      return ExitCodes.FAILED;
    }
    Template t = checked.loaded().template();
    Set<String> sensitive = new HashSet<>(t.sensitiveVariables());
    if (format.equals("json")) {
      cli.out().println(json(t, sensitive));
    } else {
      List<String[]> lines = new ArrayList<>();
      text(t, sensitive, lines);
      long now = System.currentTimeMillis() / 1000;
      for (String[] l : lines) {
        if (!cli.machineReadable()) {
          cli.out().println(l[0]);
        } else if (l.length == 1) {
          cli.out().println(MachineReadableRenderer.line(now, "", "ui", "say", l[0]));
        } else {
          String[] data = java.util.Arrays.copyOfRange(l, 2, l.length);
          cli.out().println(MachineReadableRenderer.line(now, "", l[1], data));
          cli.out().println(MachineReadableRenderer.line(now, "", "ui", "say", l[0]));
        }
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Each line: {text} or {text, record type, record data...} for machine-readable output. Packer
   * 1.6.6's text comes first, byte for byte (command/inspect, packer/core.go InspectConfig); what
   * imagebake adds (the post-processor chains) follows its closing note.
   */
  private static void text(Template t, Set<String> sensitive, List<String[]> out) {
    out.add(new String[] {"Packer Inspect: JSON mode"});
    if (t.description() != null && !t.description().isEmpty()) {
      out.add(new String[] {"Description:\n"});
      out.add(new String[] {t.description() + "\n"});
    }
    if (t.variables().isEmpty()) {
      out.add(new String[] {"Variables:\n"});
      out.add(new String[] {"  <No variables>"});
    } else {
      // Packer masks every default equal to a sensitive variable's default (or not, depending on
      // its map order); always doing so keeps a copied secret off the console.
      Set<String> secretDefaults = new HashSet<>();
      for (TemplateVariable v : t.variables()) {
        if (sensitive.contains(v.name()) && v.defaultValue() != null) {
          secretDefaults.add(v.defaultValue());
        }
      }
      List<TemplateVariable> sorted = t.variables().stream().sorted(byName()).toList();
      List<TemplateVariable> required = sorted.stream().filter(v -> v.required()).toList();
      if (!required.isEmpty()) {
        out.add(new String[] {"Required variables:\n"});
        for (TemplateVariable v : required) {
          out.add(new String[] {"  " + v.name(), "template-variable", v.name(), "", "1"});
        }
        out.add(new String[] {""});
      }
      // The header comes even when every variable is required; the width counts them all.
      out.add(new String[] {"Optional variables and their defaults:\n"});
      int width = sorted.stream().mapToInt(v -> v.name().length()).max().orElse(0);
      for (TemplateVariable v : sorted) {
        if (v.required()) {
          continue;
        }
        String value =
            sensitive.contains(v.name()) || secretDefaults.contains(v.defaultValue())
                ? "<sensitive>"
                : v.defaultValue();
        String padded = "  " + pad(v.name(), width) + " = " + value;
        out.add(new String[] {padded, "template-variable", v.name(), value, "0"});
      }
    }
    out.add(new String[] {""});
    out.add(new String[] {"Builders:\n"});
    if (t.builders().isEmpty()) {
      out.add(new String[] {"  <No builders>"});
    }
    int width = t.builders().stream().mapToInt(b -> b.rawName().length()).max().orElse(0);
    List<BuilderBlock> builders =
        t.builders().stream()
            .sorted(java.util.Comparator.comparing(BuilderBlock::rawName))
            .toList();
    for (BuilderBlock b : builders) {
      // Packer pads every name to the longest, even one it prints without its type.
      String shown = "  " + pad(b.rawName(), width);
      if (!b.rawName().equals(b.type())) {
        shown += " (" + b.type() + ")";
      }
      out.add(new String[] {shown, "template-builder", b.rawName(), b.type()});
    }
    out.add(new String[] {""});
    out.add(new String[] {"Provisioners:\n"});
    if (t.provisioners().isEmpty()) {
      out.add(new String[] {"  <No provisioners>"});
    }
    for (ProvisionerBlock p : t.provisioners()) {
      out.add(new String[] {"  " + p.type(), "template-provisioner", p.type()});
    }
    out.add(new String[] {"\n" + NOTE});
    // Packer leaves post-processors out; users asked where their chains went. After its text, so
    // a script reading Packer's output reads the same lines first.
    if (t.postProcessors().isEmpty()) {
      return;
    }
    out.add(new String[] {""});
    out.add(new String[] {"Post-processors:\n"});
    for (List<PostProcessorBlock> chain : t.postProcessors()) {
      String text =
          chain.stream().map(InspectCommand::describe).collect(Collectors.joining(" -> "));
      String[] line = new String[chain.size() + 2];
      line[0] = "  " + text;
      line[1] = "template-post-processor-chain";
      for (int i = 0; i < chain.size(); i++) {
        line[i + 2] = describe(chain.get(i));
      }
      out.add(line);
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static String describe(PostProcessorBlock p) {
    return p.name().equals(p.type()) ? p.type() : p.name() + " (" + p.type() + ")";
  }

  private static java.util.Comparator<TemplateVariable> byName() {
    return java.util.Comparator.comparing(TemplateVariable::name);
  }

  private static String json(Template t, Set<String> sensitive) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("description", t.description());
    ArrayNode vars = root.putArray("variables");
    for (TemplateVariable v : t.variables()) {
      ObjectNode o = vars.addObject();
      o.put("name", v.name());
      o.put("required", v.required());
      o.put("sensitive", sensitive.contains(v.name()));
      o.put("default", sensitive.contains(v.name()) ? "<sensitive>" : v.defaultValue());
    }
    ArrayNode builders = root.putArray("builders");
    for (BuilderBlock b : t.builders()) {
      builders.addObject().put("name", b.rawName()).put("type", b.type());
    }
    ArrayNode provisioners = root.putArray("provisioners");
    for (ProvisionerBlock p : t.provisioners()) {
      ObjectNode o = provisioners.addObject().put("type", p.type());
      p.only().forEach(o.withArray("only")::add);
      p.except().forEach(o.withArray("except")::add);
    }
    ArrayNode chains = root.putArray("post_processors");
    for (List<PostProcessorBlock> chain : t.postProcessors()) {
      ArrayNode c = chains.addArray();
      for (PostProcessorBlock p : chain) {
        c.addObject().put("name", p.name()).put("type", p.type());
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }
}
