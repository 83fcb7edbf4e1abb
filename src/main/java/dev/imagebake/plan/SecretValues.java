package dev.imagebake.plan;

import dev.imagebake.sdk.config.Secret;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** Collects the values of {@link Secret} keys of a bound configuration, nested records included. */
final class SecretValues {
  private SecretValues() {}

  static void collect(Object value, Set<String> into) {
    if (value instanceof Record r) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        Object v = read(c, r);
        if (c.isAnnotationPresent(Secret.class) && v instanceof String s && !s.isEmpty()) {
          into.add(s);
        } else {
          collect(v, into);
        }
      }
    } else if (value instanceof Collection<?> list) {
      list.forEach(e -> collect(e, into));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(e -> collect(e, into));
    }
  }

  private static Object read(RecordComponent c, Record r) {
    try {
      return c.getAccessor().invoke(r);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
    }
  }
}
