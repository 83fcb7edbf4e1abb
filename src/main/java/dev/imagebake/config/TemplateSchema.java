package dev.imagebake.config;

import dev.imagebake.sdk.PluginFactory;
import java.util.Map;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema (draft 2020-12) of a whole Packer JSON template, composed from the schemas of the
 * registered plugins: each builder, provisioner and post-processor object is checked against its
 * plugin's keys, chosen by its {@code type}. Meant for editors ({@code json.schemas} in VS Code);
 * the repository keeps the generated file as {@code schema/template.schema.json}.
 */
public final class TemplateSchema {
  /** Where the generated schema is committed, relative to the repository root. */
  public static final String FILE = "schema/template.schema.json";

  private static final String ID = "https://imagebake.dev/schema/template.schema.json";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectWriter PRETTY =
      JsonMapper.builder()
          .build()
          .writer()
          .with(
              new DefaultPrettyPrinter(
                      Separators.createDefaultInstance()
                          .withObjectNameValueSpacing(Separators.Spacing.AFTER))
                  .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));

  private TemplateSchema() {}

  /** The template schema as text, as committed: two-space indented, ending in a newline. */
  public static String toJson(PluginRegistry registry) {
    return pretty(generate(registry));
  }

  /** Any schema as text, the way {@link #toJson} writes it. */
  public static String pretty(JsonNode schema) {
    return PRETTY.writeValueAsString(schema).replace("\r\n", "\n") + "\n";
  }

  public static ObjectNode generate(PluginRegistry registry) {
    ObjectNode root = JSON.objectNode();
    root.put("$schema", SchemaGenerator.DIALECT);
    root.put("$id", ID);
    root.put("title", "Packer JSON template (imagebake)");
    root.put("type", "object");
    root.putArray("required").add("builders");
    ObjectNode properties = root.putObject("properties");
    ObjectNode builders = properties.putObject("builders");
    builders.put("description", "The machines to build; one build per builder.");
    builders.put("type", "array");
    builders.put("minItems", 1);
    builders.putObject("items").put("$ref", "#/$defs/builder");
    ObjectNode provisioners = properties.putObject("provisioners");
    provisioners.put("description", "Run in order on every build's machine.");
    provisioners.put("type", "array");
    provisioners.putObject("items").put("$ref", "#/$defs/provisioner");
    ObjectNode postProcessors = properties.putObject("post-processors");
    postProcessors.put(
        "description",
        "Chains run on each build's artifact: a type name, an object, or an array (a chain).");
    postProcessors.put("type", "array");
    postProcessors.putObject("items").put("$ref", "#/$defs/post-processor-chain");
    ObjectNode variables = properties.putObject("variables");
    variables.put("description", "User variables: a default value, or null when required.");
    variables.put("type", "object");
    types(variables.putObject("additionalProperties"), "string", "null");
    ObjectNode sensitive = properties.putObject("sensitive-variables");
    sensitive.put("description", "Variables whose values are masked in all output.");
    sensitive.put("type", "array");
    sensitive.putObject("items").put("type", "string");
    described(properties, "description", "Shown by inspect.").put("type", "string");
    described(properties, "min_packer_version", "The oldest Packer version the template needs.")
        .put("type", "string");
    ObjectNode cleanup =
        described(
            properties,
            "error-cleanup-provisioner",
            "Runs only when provisioning fails, before the machine is torn down.");
    cleanup.put("$ref", "#/$defs/provisioner");
    described(properties, "push", "Legacy Atlas settings; accepted and ignored.")
        .put("type", "object");
    ObjectNode comments = root.putObject("patternProperties").putObject("^_");
    comments.put("description", "A comment.");
    comments.put("type", "string");
    root.put("additionalProperties", false);

    ObjectNode defs = root.putObject("$defs");
    defs.set("builder", dispatch(registry, PluginKind.BUILDER, defs));
    ObjectNode provisioner = dispatch(registry, PluginKind.PROVISIONER, defs);
    provisioner.set("not", onlyAndExcept());
    defs.set("provisioner", provisioner);
    ObjectNode postProcessor = dispatch(registry, PluginKind.POST_PROCESSOR, defs);
    postProcessor.set("not", onlyAndExcept());
    defs.set("post-processor", postProcessor);
    defs.set("post-processor-chain", chain());
    defs.set("duration", SchemaGenerator.valueSchema(new ValueType.Span()));
    return root;
  }

  /** One plugin's block as the template has it: its config keys plus the core's keys. */
  public static ObjectNode blockSchema(PluginKind kind, PluginFactory<?> factory) {
    ObjectNode block = SchemaGenerator.objectSchema(RecordModel.of(factory.configType()), false);
    block.put("title", kind.noun() + " " + factory.type());
    ObjectNode properties = (ObjectNode) block.get("properties");
    ObjectNode merged = JSON.objectNode();
    merged.setAll(coreKeys(kind));
    merged.setAll(properties);
    block.set("properties", merged);
    block.putObject("patternProperties").set("^packer_", JSON.objectNode());
    return block;
  }

  private static ObjectNode dispatch(PluginRegistry registry, PluginKind kind, ObjectNode defs) {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    schema.putArray("required").add("type");
    ObjectNode properties = schema.putObject("properties");
    properties.setAll(coreKeys(kind));
    ObjectNode type = (ObjectNode) properties.get("type");
    ArrayNode examples = type.putArray("examples");
    ArrayNode cases = schema.putArray("allOf");
    for (Map.Entry<String, PluginFactory<?>> plugin : registry.all(kind).entrySet()) {
      String name = kind.noun() + "." + plugin.getKey();
      defs.set(name, blockSchema(kind, plugin.getValue()));
      examples.add(plugin.getKey());
      ObjectNode when = cases.addObject();
      ObjectNode condition = when.putObject("if");
      condition.putObject("properties").putObject("type").put("const", plugin.getKey());
      condition.putArray("required").add("type");
      when.putObject("then").put("$ref", "#/$defs/" + name);
    }
    if (cases.isEmpty()) {
      schema.remove("allOf"); // the meta-schema wants at least one entry
    }
    return schema;
  }

  private static ObjectNode coreKeys(PluginKind kind) {
    ObjectNode keys = JSON.objectNode();
    if (kind == PluginKind.COMMUNICATOR) {
      return keys; // its keys sit in the builder block, which has the type
    }
    described(keys, "type", "The plugin type.").put("type", "string");
    switch (kind) {
      case BUILDER ->
          described(keys, "name", "The build's name (default: the type).").put("type", "string");
      case PROVISIONER -> {
        onlyExcept(keys);
        ObjectNode override =
            described(keys, "override", "Per-build keys that replace this block's keys.");
        override.put("type", "object");
        override.putObject("additionalProperties").put("type", "object");
        described(keys, "pause_before", "Wait this long before running.")
            .put("$ref", "#/$defs/duration");
        described(keys, "max_retries", "Retry this many times after a failure.")
            .setAll(SchemaGenerator.valueSchema(new ValueType.Whole(false, false)));
        described(keys, "timeout", "Cancel the provisioner after this long.")
            .put("$ref", "#/$defs/duration");
      }
      case POST_PROCESSOR -> {
        described(keys, "name", "The name -except matches (default: the type).")
            .put("type", "string");
        onlyExcept(keys);
        described(keys, "keep_input_artifact", "Keep the artifact this post-processor got.")
            .setAll(SchemaGenerator.valueSchema(new ValueType.Flag(false)));
      }
      case COMMUNICATOR -> {}
    }
    return keys;
  }

  private static void onlyExcept(ObjectNode keys) {
    ObjectNode only = described(keys, "only", "Run only for these builds (builder names).");
    only.put("type", "array");
    only.putObject("items").put("type", "string");
    ObjectNode except = described(keys, "except", "Skip these builds (builder names).");
    except.put("type", "array");
    except.putObject("items").put("type", "string");
  }

  private static ObjectNode onlyAndExcept() {
    ObjectNode not = JSON.objectNode();
    not.putArray("required").add("only").add("except");
    return not;
  }

  private static ObjectNode chain() {
    ObjectNode step = JSON.objectNode();
    ArrayNode stepForms = step.putArray("anyOf");
    stepForms.addObject().put("type", "string");
    stepForms.addObject().put("$ref", "#/$defs/post-processor");
    ObjectNode chain = JSON.objectNode();
    ArrayNode forms = chain.putArray("anyOf");
    forms.add(step.get("anyOf").get(0).deepCopy());
    forms.add(step.get("anyOf").get(1).deepCopy());
    ObjectNode sequence = forms.addObject();
    sequence.put("type", "array");
    sequence.set("items", step);
    return chain;
  }

  private static ObjectNode described(ObjectNode properties, String key, String description) {
    ObjectNode property = properties.putObject(key);
    property.put("description", description);
    return property;
  }

  private static void types(ObjectNode schema, String... names) {
    ArrayNode types = schema.putArray("type");
    for (String name : names) {
      types.add(name);
    }
  }
}
