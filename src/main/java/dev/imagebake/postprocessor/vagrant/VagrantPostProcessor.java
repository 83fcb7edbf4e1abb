package dev.imagebake.postprocessor.vagrant;

import dev.imagebake.sdk.Artifact;
import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.PostProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes a Vagrant box of the artifact, as Packer's {@code vagrant} post-processor (reference §7.4):
 * includes, then the provider's files, then {@code metadata.json} (unless an include is one), then
 * the Vagrantfile, archived in name order.
 *
 * <p>Unlike Packer, nothing is copied to a temporary directory first (the disk and the includes are
 * streamed into the archive), and no "dummy box" is made to test the host's tar: the archive is
 * written in-process, so there is no host tool to test.
 */
final class VagrantPostProcessor implements PostProcessor {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final VagrantConfig config;

  VagrantPostProcessor(VagrantConfig config) {
    this.config = config;
  }

  @Override
  public Result postProcess(BuildContext ctx, Artifact input) throws Exception {
    String name = providerName(input);
    BoxProvider provider =
        Providers.implementation(name)
            .orElseThrow(() -> new IllegalArgumentException(Providers.notSupported(name)));
    BoxSettings settings = config.settingsFor(name);
    ctx.ui().say("Creating Vagrant box for '" + name + "' provider");

    Map<String, String> data = new HashMap<>(input.generatedData());
    data.put("ArtifactId", input.id());
    data.put("BuildName", ctx.buildName());
    data.put("Provider", name);
    String output = ctx.renderer().render(settings.outputOrDefault(), input.generatedData(), data);

    Path workDir = ctx.workingDirectory();
    Map<String, BoxEntry> entries = new TreeMap<>();
    for (String include : settings.includes()) {
      ctx.ui().message("Copying from include: " + include);
      Path source = ctx.localPath(include);
      if (!Files.isRegularFile(source)) {
        throw new IOException(
            "Error copying include file: " + include + "\n\nno such file (or not a regular file)");
      }
      String base = source.getFileName().toString();
      entries.put(base, new BoxEntry.FileEntry(base, source));
    }
    ProviderBox box = provider.process(input, workDir, ctx.ui());
    box.files().forEach(f -> entries.put(f.name(), f));
    entries.putIfAbsent(
        "metadata.json",
        new BoxEntry.TextEntry(
            "metadata.json", JSON.writeValueAsString(new TreeMap<>(box.metadata())) + "\n"));
    entries.put(
        "Vagrantfile",
        new BoxEntry.TextEntry(
            "Vagrantfile",
            vagrantfile(box.vagrantfile(), customVagrantfile(ctx, settings, input, data))));

    new BoxWriter(settings.levelOrDefault(), ctx.cancellation(), ctx.ui())
        .write(workDir.resolve(output), entries.values());
    return new Result(
        new VagrantBoxArtifact(name, Path.of(output), workDir), provider.keepsInput(), true);
  }

  /** {@code provider_override}, else the provider for the artifact's builder. */
  private String providerName(Artifact input) {
    if (config.providerOverride() != null && !config.providerOverride().isEmpty()) {
      return config.providerOverride();
    }
    return Providers.forBuilderId(input.builderId())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown artifact type, can't build box: " + input.builderId()));
  }

  /** The rendered {@code vagrantfile_template}, or "". */
  private static String customVagrantfile(
      BuildContext ctx, BoxSettings settings, Artifact input, Map<String, String> data)
      throws IOException {
    String template = settings.vagrantfileTemplate();
    if (template == null || template.isEmpty()) {
      return "";
    }
    ctx.ui().message("Using custom Vagrantfile: " + template);
    String text;
    try {
      text = Files.readString(ctx.localPath(template), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("vagrantfile_template '" + template + "' does not exist", e);
    }
    try {
      return ctx.renderer().render(text, input.generatedData(), data);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "vagrantfile_template " + template + ": " + e.getMessage(), e);
    }
  }

  /** Packer's box Vagrantfile: the provider's block, then the user's contents. */
  static String vagrantfile(String provider, String custom) {
    return "\n# The contents below were provided by the Packer Vagrant post-processor\n"
        + provider
        + "\n\n# The contents below (if any) are custom contents provided by the\n"
        + "# Packer template during image build.\n"
        + custom
        + "\n";
  }
}
