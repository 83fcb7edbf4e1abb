package dev.imagebake.registry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The HTML of {@code registry serve}: rendered on the server, no script, so any browser works. */
final class WebPage {
  /** How many of a bucket's newest versions its page shows with builds and artifacts. */
  static final int DETAILED = 50;

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
          + "table{border-collapse:collapse;margin:.5em 0 1.5em}"
          + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
          + ".revoked{background:#fdd}.revoked td:first-child::after{content:' revoked'}"
          + ".failed,.cancelled{color:#888}code{font-size:90%}";

  private WebPage() {}

  static String index(List<Bucket> buckets) {
    StringBuilder b = head("imagebake registry");
    b.append("<h1>imagebake registry</h1>\n");
    if (buckets.isEmpty()) {
      b.append("<p id=\"empty\">No buckets yet: build with <code>--registry</code>.</p>\n");
    } else {
      b.append("<table id=\"buckets\"><tr><th>Bucket</th><th>Versions</th><th>Latest</th>")
          .append("<th>Channels</th></tr>\n");
      for (Bucket bucket : buckets) {
        b.append("<tr class=\"bucket\" data-bucket=\"")
            .append(esc(bucket.name()))
            .append("\"><td><a href=\"/buckets/")
            .append(url(bucket.name()))
            .append("\">")
            .append(esc(bucket.name()))
            .append("</a></td><td>")
            .append(bucket.versions())
            .append("</td><td>")
            .append(bucket.latest() == 0 ? "" : "v" + bucket.latest())
            .append("</td><td>");
        for (Channel c : bucket.channels()) {
          b.append("<span class=\"channel")
              .append(c.revoked() ? " revoked" : "")
              .append("\">")
              .append(esc(c.name()))
              .append("=v")
              .append(c.version())
              .append(c.revoked() ? " (revoked)" : "")
              .append("</span> ");
        }
        b.append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  static String bucket(
      String name,
      List<Version> versions,
      List<Version> detailed,
      List<Channel> channels,
      Map<String, List<ChannelMove>> history) {
    StringBuilder b = head(name + " - imagebake registry");
    b.append("<p><a href=\"/\">All buckets</a></p>\n<h1>").append(esc(name)).append("</h1>\n");
    b.append("<h2>Channels</h2>\n<table id=\"channels\"><tr><th>Channel</th><th>Version</th>")
        .append("<th>Since</th></tr>\n");
    for (Channel c : channels) {
      b.append("<tr class=\"channel")
          .append(c.revoked() ? " revoked" : "")
          .append("\" data-channel=\"")
          .append(esc(c.name()))
          .append("\" data-version=\"")
          .append(c.version())
          .append("\"><td>")
          .append(esc(c.name()))
          .append("</td><td>v")
          .append(c.version())
          .append(c.revoked() ? " (revoked)" : "")
          .append("</td><td>")
          .append(esc(c.updated()))
          .append("</td></tr>\n");
    }
    b.append("</table>\n");
    for (Map.Entry<String, List<ChannelMove>> h : history.entrySet()) {
      b.append("<h3>History of ")
          .append(esc(h.getKey()))
          .append("</h3>\n")
          .append("<table class=\"history\" data-channel=\"")
          .append(esc(h.getKey()))
          .append("\"><tr><th>When</th><th>Who</th><th>Action</th><th>From</th><th>To</th></tr>\n");
      for (ChannelMove m : h.getValue()) {
        b.append("<tr class=\"move ")
            .append(esc(m.action()))
            .append("\"><td>")
            .append(esc(m.at()))
            .append("</td><td>")
            .append(esc(m.who()))
            .append("</td><td>")
            .append(esc(m.action()))
            .append("</td><td>")
            .append(m.from() == null ? "" : "v" + m.from())
            .append("</td><td>v")
            .append(m.to())
            .append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    b.append("<h2>Versions</h2>\n<table id=\"versions\"><tr><th>Version</th><th>Status</th>")
        .append(
            "<th>Started</th><th>By</th><th>Fingerprint</th><th>Labels</th><th>Notes</th></tr>\n");
    for (int i = versions.size() - 1; i >= 0; i--) {
      Version v = versions.get(i);
      b.append("<tr class=\"version ")
          .append(esc(v.status()))
          .append(v.revoked() != null ? " revoked" : "")
          .append("\" id=\"v")
          .append(v.number())
          .append("\"><td>v")
          .append(v.number())
          .append("</td><td>")
          .append(esc(v.status()))
          .append("</td><td>")
          .append(esc(v.started()))
          .append("</td><td>")
          .append(esc(v.who() + "@" + v.host()))
          .append("</td><td><code>")
          .append(esc(v.fingerprint().contentHash()))
          .append("</code>")
          .append(
              v.fingerprint().gitCommit() == null
                  ? ""
                  : "<br>git " + esc(v.fingerprint().gitCommit()))
          .append("</td><td>");
      v.labels().forEach((k, val) -> b.append(esc(k)).append('=').append(esc(val)).append(' '));
      b.append("</td><td>");
      if (v.revoked() != null) {
        b.append("<strong>Revoked</strong> ")
            .append(esc(v.revoked().at()))
            .append(": ")
            .append(esc(v.revoked().reason()))
            .append(' ');
      }
      if (!v.revokedParents().isEmpty()) {
        b.append("<strong>Built on revoked</strong> ")
            .append(esc(String.join(", ", v.revokedParents())));
      }
      if (!v.channels().isEmpty()) {
        b.append(" channels: ").append(esc(String.join(", ", v.channels())));
      }
      b.append("</td></tr>\n");
    }
    b.append("</table>\n<h2>Builds</h2>\n");
    for (Version v : detailed) {
      b.append("<h3>v")
          .append(v.number())
          .append("</h3>\n<table class=\"builds\"><tr>")
          .append(
              "<th>Build</th><th>Type</th><th>Status</th><th>Artifacts</th><th>From</th></tr>\n");
      for (Recorded.Build build : v.builds()) {
        b.append("<tr><td>")
            .append(esc(build.name()))
            .append("</td><td>")
            .append(esc(build.type()))
            .append("</td><td>")
            .append(esc(build.status()))
            .append("</td><td>");
        for (Recorded.Artifact a : build.artifacts()) {
          b.append("<div class=\"artifact\"><code>")
              .append(esc(a.id()))
              .append("</code>")
              .append(a.region() == null ? "" : " in " + esc(a.region()));
          for (Recorded.FileDigest f : a.files()) {
            b.append("<br>")
                .append(esc(f.path()))
                .append(
                    f.size() < 0
                        ? " (missing)"
                        : " " + f.size() + " bytes sha256:" + esc(f.sha256()));
          }
          b.append("</div>");
        }
        b.append("</td><td>");
        for (Recorded.Parent p : build.parents()) {
          b.append(esc(p.kind())).append(' ').append(esc(p.ref())).append("<br>");
        }
        b.append("</td></tr>\n");
      }
      b.append("</table>\n");
    }
    return b.append("</body></html>\n").toString();
  }

  static String error(String message) {
    return head("imagebake registry")
        .append("<p><a href=\"/\">All buckets</a></p><p id=\"error\">")
        .append(esc(message))
        .append("</p></body></html>\n")
        .toString();
  }

  private static StringBuilder head(String title) {
    return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>")
        .append(esc(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
  }

  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  private static String url(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
