package dev.imagebake.template;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions: the closest candidate within a Levenshtein distance of 2. */
final class Suggest {
  private static final int MAX_DISTANCE = 2;

  private Suggest() {}

  /** The closest candidate, or null when none is within the distance (ties: the first). */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = MAX_DISTANCE + 1;
    String w = word.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_DISTANCE) {
      return MAX_DISTANCE + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
