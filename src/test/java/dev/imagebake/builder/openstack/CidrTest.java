package dev.imagebake.builder.openstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Packer 1.6.6's networks_test.go cases of containsNet, and ParseCIDR's refusals. */
class CidrTest {
  private static boolean contains(String a, String b) {
    return Cidr.parse(a).orElseThrow().contains(Cidr.parse(b).orElseThrow());
  }

  @Test
  void ipv4() {
    assertThat(contains("192.168.0.0/23", "192.168.0.0/24")).isTrue();
    assertThat(contains("192.168.0.0/24", "192.168.0.0/24")).isTrue();
    assertThat(contains("192.168.0.0/25", "192.168.0.0/24")).isFalse();
    assertThat(contains("192.168.101.202/16", "192.168.202.101/16")).isTrue();
    assertThat(contains("192.168.101.202/24", "192.168.202.101/24")).isFalse();
    assertThat(contains("192.168.202.101/24", "192.168.101.202/24")).isFalse();
    assertThat(contains("0.0.0.0/0", "192.168.0.0/24")).isTrue();
    assertThat(contains("0.0.0.0/0", "0.0.0.0/1")).isTrue();
    assertThat(contains("192.168.0.0/24", "0.0.0.0/0")).isFalse();
    assertThat(contains("0.0.0.0/1", "0.0.0.0/0")).isFalse();
  }

  @Test
  void ipv6() {
    assertThat(contains("2001:db8::/63", "2001:db8::/64")).isTrue();
    assertThat(contains("2001:db8::/64", "2001:db8::/64")).isTrue();
    assertThat(contains("2001:db8::/65", "2001:db8::/64")).isFalse();
    assertThat(contains("2001:db8:fefe:b00b::/32", "2001:db8:b00b:fefe::/32")).isTrue();
    assertThat(contains("2001:db8:fefe:b00b::/64", "2001:db8:b00b:fefe::/64")).isFalse();
    assertThat(contains("2001:db8:b00b:fefe::/64", "2001:db8:fefe:b00b::/64")).isFalse();
    assertThat(contains("::/0", "2001:db8::/64")).isTrue();
    assertThat(contains("::/0", "::/1")).isTrue();
    assertThat(contains("2001:db8::/64", "::/0")).isFalse();
    assertThat(contains("::/1", "::/0")).isFalse();
    assertThat(contains("::/0", "10.0.0.0/8")).isFalse();
  }

  @Test
  void refusals() {
    for (String bad :
        new String[] {
          "10.0.0.0",
          "10.0.0.0/",
          "10.0.0.0/33",
          "10.0.0.300/8",
          "2001:db8::/129",
          "host/8",
          "",
          "/8",
          "10.0.0/8"
        }) {
      assertThat(Cidr.parse(bad)).as(bad).isEmpty();
    }
  }
}
