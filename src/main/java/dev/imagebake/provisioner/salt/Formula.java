package dev.imagebake.provisioner.salt;

import dev.imagebake.sdk.Cancellation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of {@code formulas}: a git repository, the directory of it that is the formula (after
 * {@code //}) and an optional {@code ?ref=}, in go-getter's syntax as Packer accepts it, e.g.
 * {@code git::https://github.com/saltstack-formulas/vault-formula.git//vault?ref=v1.2.3}.
 *
 * @param url the entry as written
 * @param repository what {@code git clone} gets
 * @param subdir the formula's directory inside the repository; also its place in the state tree
 * @param ref a branch, tag or commit, or null for the default branch
 */
record Formula(String url, String repository, String subdir, String ref) {
  /** Packer's message for an entry without {@code //subdir}. */
  static final String NO_SUBDIR =
      "Invalid formula URL. Please verify the git URLs also contain a '//' subdir";

  /**
   * Parses an entry.
   *
   * @throws IllegalArgumentException with a message for the user when the entry is not usable
   */
  static Formula parse(String url) {
    String rest = url.startsWith("git::") ? url.substring("git::".length()) : url;
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int scheme = rest.indexOf("://");
    int from = scheme < 0 ? 0 : scheme + 3;
    // file:///path: the third slash starts the path, not a subdir.
    int split = rest.indexOf("//", from);
    if (split < 0 || split + 2 >= rest.length()) {
      throw new IllegalArgumentException(NO_SUBDIR);
    }
    String repository = rest.substring(0, split);
    String subdir = SaltCommands.stripTrailingSlashes(rest.substring(split + 2));
    if (repository.isEmpty() || repository.endsWith(":")) {
      throw new IllegalArgumentException("Invalid formula URL '" + url + "': no repository");
    }
    for (String part : subdir.split("/")) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException(
            "Invalid formula URL '" + url + "': the subdir must be a plain relative path");
      }
    }
    if (scheme < 0 && repository.startsWith("github.com/")) {
      repository = "https://" + repository; // go-getter's GitHub shorthand
    }
    return new Formula(url, repository, subdir, ref(url, query));
  }

  private static String ref(String url, String query) {
    if (query == null || query.isEmpty()) {
      return null;
    }
    String ref = null;
    for (String param : query.split("&")) {
      if (param.startsWith("ref=") && param.length() > "ref=".length()) {
        ref = param.substring("ref=".length());
      } else if (!param.startsWith("depth=")) {
        throw new IllegalArgumentException(
            "Invalid formula URL '" + url + "': unsupported parameter '" + param + "' (ref only)");
      }
    }
    return ref;
  }

  /**
   * Clones the repository into {@code into} (which must not exist) with the local {@code git} and
   * returns the formula's directory in it.
   *
   * @throws IOException with git's own words when the clone or checkout failed, or the repository
   *     has no such directory
   */
  Path fetch(Path into, Cancellation cancellation) throws IOException {
    List<String> clone = new ArrayList<>(List.of("git", "clone", "--quiet", "--depth", "1"));
    if (ref != null) {
      clone.addAll(List.of("--branch", ref));
    }
    clone.addAll(List.of("--", repository, into.toString()));
    GitResult shallow = git(clone, cancellation);
    if (!shallow.ok() && ref != null) {
      // --branch takes branches and tags only; a commit needs the full history.
      deleteTree(into);
      GitResult full =
          git(List.of("git", "clone", "--quiet", "--", repository, into.toString()), cancellation);
      if (!full.ok()) {
        throw failure(full);
      }
      GitResult checkout =
          git(List.of("git", "-C", into.toString(), "checkout", "--quiet", ref), cancellation);
      if (!checkout.ok()) {
        throw failure(checkout);
      }
    } else if (!shallow.ok()) {
      throw failure(shallow);
    }
    Path dir = into.resolve(subdir);
    if (!Files.isDirectory(dir)) {
      throw new IOException(
          "Error downloading formula " + url + ": the repository has no directory " + subdir);
    }
    return dir;
  }

  private IOException failure(GitResult result) {
    return new IOException(
        "Error downloading formula "
            + url
            + ": git exited with status "
            + result.status()
            + (result.output().isBlank() ? "" : ": " + result.output().strip()));
  }

  private record GitResult(int status, String output) {
    boolean ok() {
      return status == 0;
    }
  }

  private static GitResult git(List<String> command, Cancellation cancellation) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    // Never wait for a password prompt: a private repository fails with git's message instead.
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException(
          "Salt formulas are fetched with git, which could not be run here: " + e.getMessage(), e);
    }
    try (AutoCloseable stop = cancellation.onCancel(() -> stop(p));
        InputStream out = p.getInputStream()) {
      String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      int status = p.waitFor();
      cancellation.throwIfCancelled();
      return new GitResult(status, output);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running git", e);
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static void stop(Process p) {
    p.descendants().forEach(ProcessHandle::destroy);
    p.destroy();
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
