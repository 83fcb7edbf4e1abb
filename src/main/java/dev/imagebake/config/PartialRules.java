package dev.imagebake.config;

import dev.imagebake.sdk.PluginFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plugin's rules on a block some of whose keys have errors of their own (the failed keys), so
 * that one {@code validate} reports the rest of the block too. The failed keys are bound as if
 * absent. What the rules then say is kept only when it cannot be an effect of that guess:
 *
 * <ul>
 *   <li>nothing about a failed key itself (it is reported already), nor about the block as a whole
 *       (a rule like "one of a or b must be given" cannot tell which key it is about);
 *   <li>a failed key with a closed set of values (a boolean, a fixed set of strings) may have meant
 *       any of them: the rules run once for each, and only what they say every time is kept (an
 *       unknown {@code communicator} must not bring the ssh rules in).
 * </ul>
 *
 * <p>A rule that trips over a value left out (an unexpected null) ends that run quietly: the key is
 * reported already, and the full rules run once it is fixed.
 */
final class PartialRules {
  /** Runs beyond which the rules wait for the failed keys to be fixed. */
  private static final int MAX_RUNS = 64;

  private final RecordModel model;
  private final ObjectNode block;
  private final ValueRenderer renderer;
  private final BlockRules rules;

  /**
   * @param block the block's keys (without {@code type})
   * @param renderer renders the block's strings, for the runs with other values
   */
  PartialRules(RecordModel model, ObjectNode block, ValueRenderer renderer, BlockRules rules) {
    this.model = model;
    this.block = block;
    this.renderer = renderer;
    this.rules = rules;
  }

  /**
   * @param config the block bound with the failed keys left out
   * @param skipped keys the binder was told to leave out (they have schema errors)
   * @param failed the keys left out
   */
  <C extends Record> List<Problem> check(
      PluginFactory<C> factory, C config, Set<String> skipped, Set<String> failed) {
    List<Map<String, JsonNode>> guesses = guesses(failed);
    if (guesses.isEmpty()) {
      return List.of();
    }
    List<Problem> kept = new ArrayList<>(run(factory, config, failed));
    for (Map<String, JsonNode> guess : guesses) {
      if (kept.isEmpty()) {
        break;
      }
      if (guess.isEmpty()) {
        continue; // the run above
      }
      ObjectNode variant = block.deepCopy();
      Set<String> skip = new HashSet<>(skipped);
      guess.forEach(
          (key, value) -> {
            variant.set(key, value);
            skip.remove(key);
          });
      Record bound = new ValueBinder(renderer).bindBlock(model, variant, skip);
      List<Problem> said =
          bound == null ? List.of() : run(factory, factory.configType().cast(bound), failed);
      kept.retainAll(said);
    }
    return kept;
  }

  private <C extends Record> List<Problem> run(
      PluginFactory<C> factory, C config, Set<String> failed) {
    BlockCheck check = rules.checkOf(block, renderer);
    try {
      rules.run(factory, config, check);
    } catch (RuntimeException e) {
      // Tripped over a key left out, which is reported already; what it found before stands.
    }
    return check.problemsWithKeysOtherThan(failed);
  }

  /**
   * Every combination of values the failed keys with a closed set of values could have meant,
   * absent included ({@code {}} is the run with all absent); empty when there are too many.
   */
  private List<Map<String, JsonNode>> guesses(Set<String> failed) {
    List<Map<String, JsonNode>> combinations = new ArrayList<>();
    combinations.add(Map.of());
    for (String key : failed) {
      List<JsonNode> values =
          model.property(key).map(p -> closedSet(p.valueType())).orElse(List.of());
      if (values.isEmpty()) {
        continue;
      }
      if (combinations.size() * (values.size() + 1) > MAX_RUNS) {
        return List.of();
      }
      List<Map<String, JsonNode>> more = new ArrayList<>(combinations);
      for (Map<String, JsonNode> c : combinations) {
        for (JsonNode value : values) {
          Map<String, JsonNode> with = new LinkedHashMap<>(c);
          with.put(key, value);
          more.add(with);
        }
      }
      combinations = more;
    }
    return combinations;
  }

  private static List<JsonNode> closedSet(ValueType type) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (type instanceof ValueType.Flag) {
      return List.of(nodes.booleanNode(true), nodes.booleanNode(false));
    }
    if (type instanceof ValueType.Text t) {
      return t.oneOf().stream().map(v -> (JsonNode) nodes.stringNode(v)).toList();
    }
    return List.of();
  }
}
