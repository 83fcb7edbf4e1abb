package dev.imagebake.builder.amazon.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Instance;

/** Which address the instance is reached at (Packer's SSHHost). */
class StepInstanceAddressTest {
  private static final Instance IN_VPC =
      Instance.builder()
          .vpcId("vpc-1")
          .publicIpAddress("203.0.113.5")
          .privateIpAddress("10.0.0.5")
          .publicDnsName("ec2-203-0-113-5.compute-1.amazonaws.com")
          .privateDnsName("ip-10-0-0-5.ec2.internal")
          .build();

  @Test
  void sshInterfaceNamesTheAddress() {
    assertThat(StepInstanceAddress.host(IN_VPC, "public_ip", false)).isEqualTo("203.0.113.5");
    assertThat(StepInstanceAddress.host(IN_VPC, "private_ip", false)).isEqualTo("10.0.0.5");
    assertThat(StepInstanceAddress.host(IN_VPC, "public_dns", false))
        .isEqualTo("ec2-203-0-113-5.compute-1.amazonaws.com");
    assertThat(StepInstanceAddress.host(IN_VPC, "private_dns", false))
        .isEqualTo("ip-10-0-0-5.ec2.internal");
  }

  @Test
  void defaultIsPublicIpInAVpcThenPrivateIpOnTheLastTry() {
    assertThat(StepInstanceAddress.host(IN_VPC, null, false)).isEqualTo("203.0.113.5");
    Instance privateOnly = IN_VPC.toBuilder().publicIpAddress(null).build();
    assertThat(StepInstanceAddress.host(privateOnly, null, false)).isNull();
    assertThat(StepInstanceAddress.host(privateOnly, null, true)).isEqualTo("10.0.0.5");
  }

  @Test
  void defaultOutsideAVpcIsThePublicDnsName() {
    Instance classic = IN_VPC.toBuilder().vpcId(null).build();
    assertThat(StepInstanceAddress.host(classic, "", false))
        .isEqualTo("ec2-203-0-113-5.compute-1.amazonaws.com");
  }

  @Test
  void madeImagesKeepOnlyFinalsWithIds() {
    MadeImages images =
        MadeImages.none()
            .with(new MadeImage("us-east-1", "tmp", "ami-1", true))
            .with(new MadeImage("eu-west-1", "n", null, false))
            .with(new MadeImage("us-west-2", "n", "ami-3", false))
            .with(new MadeImage("eu-west-1", "n", "ami-2", false));
    assertThat(images.finals())
        .containsExactly(
            java.util.Map.entry("eu-west-1", "ami-2"), java.util.Map.entry("us-west-2", "ami-3"));
    assertThat(images.images()).hasSize(3);
  }

  @Test
  void keyPairNeverPrintsItsKey() {
    assertThat(new TempKeyPair("packer_x", true, "-----BEGIN OPENSSH PRIVATE KEY-----").toString())
        .doesNotContain("PRIVATE");
  }
}
