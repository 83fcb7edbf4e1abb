package dev.imagebake.builder.qemu;

import dev.imagebake.sdk.BuildContext;
import dev.imagebake.sdk.StateBag;
import dev.imagebake.sdk.Step;
import dev.imagebake.sdk.go.GoStrings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packer's {@code StepDownload}: finds the ISO (or base disk) at the first of its URLs that works
 * and verifies its checksum. Local paths and {@code file://} URLs are used in place; http(s) files
 * are downloaded once into the cache ({@code PACKER_CACHE_DIR}, default {@code packer_cache}) or to
 * {@code iso_target_path}. Produces {@link QemuState#SOURCE}.
 */
final class StepDownload implements Step {
  private static final Logger LOG = LoggerFactory.getLogger(StepDownload.class);

  private final IsoConfig iso;
  private final Map<String, String> env;

  StepDownload(IsoConfig iso, Map<String, String> env) {
    this.iso = iso;
    this.env = env;
  }

  @Override
  public void run(BuildContext ctx, StateBag state) throws Exception {
    ctx.ui().say("Retrieving ISO");
    IsoChecksum checksum = IsoChecksum.parse(iso.checksum());
    List<String> errors = new ArrayList<>();
    for (String url : iso.urls()) {
      ctx.cancellation().throwIfCancelled();
      ctx.ui().message("Trying " + url);
      try {
        Path file = fetch(ctx, url, checksum);
        verify(ctx, file, url, checksum);
        state.put(QemuState.SOURCE, file);
        return;
      } catch (IOException e) {
        ctx.ui().error("Error downloading: " + e.getMessage());
        errors.add(e.getMessage());
      }
    }
    throw new IOException("error downloading ISO: [" + String.join(", ", errors) + "]");
  }

  private Path fetch(BuildContext ctx, String url, IsoChecksum checksum) throws IOException {
    GoUrl parsed = parse(url, "url parse: ", "");
    if (parsed.isLocal()) {
      Path local = localPath(ctx, parsed);
      if (!Files.isRegularFile(local)) {
        throw new IOException(local + ": no such file");
      }
      return local;
    }
    URI uri = requestUri(parsed);
    Path target = target(ctx.workingDirectory(), url, checksum);
    if (Files.isRegularFile(target) && !Boolean.TRUE.equals(iso.isoSkipCache())) {
      try {
        verify(ctx, target, url, checksum);
        ctx.ui().message("Using file in cache: " + target);
        return target;
      } catch (IOException stale) {
        ctx.ui().message("Cached file does not match the checksum; downloading it again");
      }
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    download(ctx, uri, part);
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /**
   * {@code url} parsed as Packer parses it, or an IOException with Go's message between {@code
   * prefix} and {@code suffix}.
   */
  private static GoUrl parse(String url, String prefix, String suffix) throws IOException {
    try {
      return GoUrl.parse(url);
    } catch (GoUrl.InvalidUrlException e) {
      throw new IOException(prefix + e.getMessage() + suffix, e);
    }
  }

  /** What to request for an http(s) URL, encoded as Packer's Go client sends it. */
  static URI requestUri(GoUrl url) throws IOException {
    if (!url.isHttp()) {
      throw new IOException("download not supported for scheme '" + url.scheme() + "'");
    }
    try {
      return url.requestUri();
    } catch (URISyntaxException e) {
      throw new IOException("cannot request " + e.getInput() + ": " + e.getReason(), e);
    }
  }

  /** The file a plain path or file: URL names ({@code ~/} is the home directory). */
  static Path localPath(BuildContext ctx, GoUrl url) throws IOException {
    String path = url.localPath();
    if (path.indexOf('\0') >= 0) {
      // A file system refuses the name (Path would throw); say so rather than "no such file".
      throw new IOException(GoStrings.quote(path) + " cannot be a file name: it holds a NUL");
    }
    return ctx.localPath(path);
  }

  private Path target(Path workingDir, String url, IsoChecksum checksum) {
    if (iso.isoTargetPath() != null && !iso.isoTargetPath().isEmpty()) {
      return workingDir.resolve(iso.isoTargetPath());
    }
    String cache = env.getOrDefault("PACKER_CACHE_DIR", "");
    Path dir = workingDir.resolve(cache.isEmpty() ? "packer_cache" : cache);
    String key = checksum instanceof IsoChecksum.None ? url : iso.checksum();
    String ext =
        iso.isoTargetExtension() == null || iso.isoTargetExtension().isEmpty()
            ? "iso"
            : iso.isoTargetExtension().toLowerCase(Locale.ROOT);
    return dir.resolve(hex("SHA-1", key.getBytes(StandardCharsets.UTF_8)) + "." + ext);
  }

  private static void download(BuildContext ctx, URI uri, Path to) throws IOException {
    HttpClient client =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    HttpRequest request;
    try {
      request = HttpRequest.newBuilder(uri).GET().build();
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot request " + uri + ": " + e.getMessage(), e);
    }
    try {
      long start = System.nanoTime();
      HttpResponse<InputStream> response =
          client.send(request, HttpResponse.BodyHandlers.ofInputStream());
      LOG.debug(
          "GET {}: {} in {} ms (headers)",
          uri,
          response.statusCode(),
          (System.nanoTime() - start) / 1_000_000);
      if (response.statusCode() != 200) {
        response.body().close();
        throw new IOException("bad response code: " + response.statusCode() + " for " + uri);
      }
      try (InputStream in = response.body();
          AutoCloseable abort = ctx.cancellation().onCancel(() -> closeQuietly(in))) {
        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
      }
      ctx.cancellation().throwIfCancelled();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted downloading " + uri, e);
    } catch (IOException e) {
      Files.deleteIfExists(to);
      ctx.cancellation().throwIfCancelled();
      throw e;
    } catch (Exception e) {
      Files.deleteIfExists(to);
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // The download is being abandoned anyway.
    }
  }

  private void verify(BuildContext ctx, Path file, String url, IsoChecksum checksum)
      throws IOException {
    IsoChecksum.Digest expected = null;
    if (checksum instanceof IsoChecksum.Digest d) {
      expected = d;
    } else if (checksum instanceof IsoChecksum.FromFile f) {
      expected = fromChecksumFile(ctx, f.location(), url);
    }
    if (expected == null) {
      return;
    }
    String got = digest(file, expected.algorithm());
    if (!got.equals(expected.hex())) {
      throw new IOException(
          "Checksums did not match for "
              + file
              + ".\nExpected: "
              + expected.hex()
              + "\nGot: "
              + got);
    }
  }

  private IsoChecksum.Digest fromChecksumFile(BuildContext ctx, String location, String url)
      throws IOException {
    GoUrl parsed = parse(location, "", " in " + GoStrings.quote(iso.checksum()));
    String text;
    if (parsed.isLocal()) {
      text = Files.readString(localPath(ctx, parsed));
    } else {
      URI uri = requestUri(parsed);
      Path tmp = Files.createTempFile("imagebake-checksum", ".txt");
      try {
        download(ctx, uri, tmp);
        text = Files.readString(tmp);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    String name = fileName(url);
    IsoChecksum.Digest found = ChecksumList.find(text, name);
    if (found == null) {
      throw new IOException("no checksum for " + name + " in " + location);
    }
    return found;
  }

  private static String fileName(String url) throws IOException {
    return parse(url, "url parse: ", "").fileName();
  }

  static String digest(Path file, String algorithm) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return "StepDownload";
  }
}
