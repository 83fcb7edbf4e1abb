package dev.imagebake.fix;

import java.util.List;
import java.util.Map;

/**
 * {@code spot-price-auto-product}: removes {@code spot_price_auto_product} from four Amazon
 * builders.
 */
final class SpotPriceAutoProduct extends BuilderFixer {
  @Override
  public String name() {
    return "spot-price-auto-product";
  }

  @Override
  public String synopsis() {
    return "Removes the deprecated \"spot_price_auto_product\" setting from Amazon builder templates";
  }

  @Override
  public Map<String, List<String>> deprecatedOptions() {
    return Map.of("*amazon*", List.of("spot_price_auto_product"));
  }

  @Override
  boolean takes(String type) {
    return type != null
        && List.of("amazon-ebs", "amazon-ebssurrogate", "amazon-ebsvolume", "amazon-instance")
            .contains(type);
  }

  @Override
  void fixBuilder(Map<String, Object> builder) throws FixException {
    builder.remove("spot_price_auto_product");
  }
}
