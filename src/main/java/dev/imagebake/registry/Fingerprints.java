package dev.imagebake.registry;

import dev.imagebake.template.BuilderBlock;
import dev.imagebake.template.PostProcessorBlock;
import dev.imagebake.template.ProvisionerBlock;
import dev.imagebake.template.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The fingerprint of a run's inputs: the git commit of the template's folder when it is clean, and
 * a content hash of the template, its var files, the non-sensitive variables and every local file
 * or folder the template's blocks name (scripts, file sources, state trees, local ISOs).
 *
 * <p>Which strings name files is decided by looking: every string of a builder, provisioner or
 * post-processor block, with {@code {{user `x`}}} replaced by the variable's value, that names an
 * existing file relative to the working directory. Keys naming outputs are skipped ({@link
 * #isOutputKey}), since a previous run's output must not change the inputs' hash.
 */
final class Fingerprints {
  private static final Pattern USER =
      Pattern.compile("\\{\\{\\s*user\\s+(?:`([^`]*)`|\"([^\"]*)\")\\s*}}");
  private static final int MAX_FILES_PER_FOLDER = 10_000;

  private Fingerprints() {}

  static String contentHash(RunInputs in) {
    MessageDigest all = sha256();
    add(all, "template", hashFile(in.templateFile()));
    for (Path v : in.varFiles()) {
      add(all, "var-file", hashFile(v));
    }
    for (Map.Entry<String, String> v : new TreeMap<>(in.variables()).entrySet()) {
      add(all, "var " + v.getKey(), v.getValue());
    }
    for (Map.Entry<String, String> f : localFiles(in).entrySet()) {
      add(all, "file " + f.getKey(), f.getValue());
    }
    return "sha256:" + HexFormat.of().formatHex(all.digest());
  }

  /** Every local file the template's blocks name, relative path to sha256, sorted. */
  static Map<String, String> localFiles(RunInputs in) {
    TreeSet<String> named = new TreeSet<>();
    Template t = in.template();
    for (BuilderBlock b : t.builders()) {
      strings(b.config(), "", in.variables(), named);
    }
    for (ProvisionerBlock p : t.provisioners()) {
      strings(p.config(), "", in.variables(), named);
    }
    for (List<PostProcessorBlock> chain : t.postProcessors()) {
      for (PostProcessorBlock p : chain) {
        strings(p.config(), "", in.variables(), named);
      }
    }
    if (t.errorCleanupProvisioner() != null) {
      strings(t.errorCleanupProvisioner().config(), "", in.variables(), named);
    }
    Map<String, String> files = new TreeMap<>();
    for (String s : named) {
      Path p;
      try {
        p = in.workingDir().resolve(s);
      } catch (InvalidPathException e) {
        continue;
      }
      if (Files.isRegularFile(p)) {
        files.put(s, hashFile(p));
      } else if (Files.isDirectory(p) && !s.equals(".") && !s.isEmpty()) {
        hashFolder(p, s, files);
      }
    }
    return files;
  }

  private static void strings(
      JsonNode node, String key, Map<String, String> vars, TreeSet<String> out) {
    if (node == null || isOutputKey(key)) {
      return;
    }
    if (node.isString()) {
      String s = substitute(node.asString(), vars);
      if (!s.isBlank() && !s.contains("{{") && !s.contains("\n") && s.length() < 4096) {
        out.add(s.startsWith("file://") ? s.substring("file://".length()) : s);
      }
    } else if (node.isArray()) {
      for (JsonNode e : node) {
        strings(e, key, vars, out);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        strings(e.getValue(), e.getKey(), vars, out);
      }
    }
  }

  /**
   * Keys that name what a build writes (a file builder's {@code target}, post-processors' {@code
   * output}, qemu's {@code output_directory}, a download's {@code destination}): a previous run's
   * output must not change the next run's fingerprint.
   */
  static boolean isOutputKey(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.contains("output") || k.equals("target") || k.equals("destination");
  }

  /** Replaces {@code {{user `x`}}} with the variable's value (the form templates use for paths). */
  static String substitute(String s, Map<String, String> vars) {
    Matcher m = USER.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = vars.get(name);
      m.appendReplacement(b, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static void hashFolder(Path dir, String shown, Map<String, String> files) {
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all =
          walk.filter(Files::isRegularFile).sorted().limit(MAX_FILES_PER_FOLDER).toList();
      for (Path f : all) {
        files.put(shown + "/" + dir.relativize(f), hashFile(f));
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      files.put(shown, "unreadable");
    }
  }

  /** The hex sha256 of a file; "unreadable" when it cannot be read (the hash still changes). */
  static String hashFile(Path file) {
    MessageDigest d = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    } catch (IOException e) {
      return "unreadable";
    }
    return HexFormat.of().formatHex(d.digest());
  }

  private static void add(MessageDigest d, String key, String value) {
    d.update((key + "\0" + value + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The commit checked out in the template's folder when git reports no change under that folder
   * (untracked files included), else null. No git process is started outside a repository.
   */
  static String gitCommit(Path template) {
    Path dir = template.toAbsolutePath().getParent();
    Path d = dir;
    while (d != null && !Files.exists(d.resolve(".git"))) {
      d = d.getParent();
    }
    if (d == null) {
      return null;
    }
    // One git process: the porcelain v2 header names the commit checked out, and every other line
    // is a change under the folder.
    String status = git(dir, "status", "--porcelain=v2", "--branch", "--", ".");
    if (status == null) {
      return null;
    }
    String head = null;
    for (String line : status.split("\n")) {
      if (line.startsWith("# branch.oid ")) {
        head = line.substring("# branch.oid ".length()).strip();
      } else if (!line.isEmpty() && !line.startsWith("# ")) {
        return null;
      }
    }
    return head == null || !head.matches("[0-9a-f]{40,64}") ? null : head;
  }

  private static String git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(cmd)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
