package dev.imagebake.config;

import dev.imagebake.sdk.config.Secret;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the values of {@link Secret} keys of a bound configuration, nested records included. */
public final class SecretValues {
  private SecretValues() {}

  public static void collect(Object value, Set<String> into) {
    if (value instanceof Record r) {
      RecordComponent[] components = r.getClass().getRecordComponents();
      List<ConfigAnnotations.ComponentAnnotations> annotations =
          ConfigAnnotations.of(r.getClass()).components();
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        Object v = read(c, r);
        if (annotations.get(i).secret() && v instanceof String s && !s.isEmpty()) {
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
