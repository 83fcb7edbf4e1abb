package dev.imagebake.builder.amazon.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every AMI the build asked for, in order. Immutable; {@link #with} returns a new list. */
public record MadeImages(List<MadeImage> images) {
  public MadeImages {
    images = List.copyOf(images);
  }

  public static MadeImages none() {
    return new MadeImages(List.of());
  }

  /** Adds {@code image}, replacing the entry of the same region and name. */
  public MadeImages with(MadeImage image) {
    List<MadeImage> list = new ArrayList<>(images);
    list.removeIf(i -> i.region().equals(image.region()) && i.name().equals(image.name()));
    list.add(image);
    return new MadeImages(list);
  }

  public MadeImages without(MadeImage image) {
    List<MadeImage> list = new ArrayList<>(images);
    list.removeIf(i -> i.region().equals(image.region()) && i.name().equals(image.name()));
    return new MadeImages(list);
  }

  /** The final AMIs (not intermediary) with known ids, region to id, sorted by region. */
  public Map<String, String> finals() {
    Map<String, String> out = new TreeMap<>();
    images.stream()
        .filter(i -> !i.intermediary() && i.id() != null)
        .forEach(i -> out.put(i.region(), i.id()));
    return out;
  }
}
