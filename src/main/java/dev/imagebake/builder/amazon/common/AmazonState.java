package dev.imagebake.builder.amazon.common;

import dev.imagebake.sdk.ConnectTarget;
import dev.imagebake.sdk.StateKey;
import dev.imagebake.sdk.steps.StateKeys;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;

/** The state the Amazon steps pass to each other. */
public final class AmazonState {
  private AmazonState() {}

  public static final StateKey<AwsSession> SESSION = StateKey.of("aws session", AwsSession.class);

  /** Waits of run phases (cancellable). */
  public static final StateKey<Waits> WAITS = StateKey.of("waits", Waits.class);

  /** Waits of cleanups (not cancellable). */
  public static final StateKey<Waits> CLEANUP_WAITS = StateKey.of("cleanup waits", Waits.class);

  public static final StateKey<Image> SOURCE_IMAGE = StateKey.of("source image", Image.class);
  public static final StateKey<TemplateData> TEMPLATE_DATA =
      StateKey.of("template data", TemplateData.class);
  public static final StateKey<NetworkInfo> NETWORK = StateKey.of("network", NetworkInfo.class);
  public static final StateKey<TempKeyPair> KEY_PAIR = StateKey.of("key pair", TempKeyPair.class);
  public static final StateKey<TempSecurityGroup> TEMP_GROUP =
      StateKey.of("temporary security group", TempSecurityGroup.class);
  public static final StateKey<SecurityGroups> GROUPS =
      StateKey.of("security groups", SecurityGroups.class);

  /** The client token of RunInstances/CreateFleet, recorded before the call. */
  public static final StateKey<String> LAUNCH_TOKEN = StateKey.of("launch token", String.class);

  public static final StateKey<String> LAUNCH_TEMPLATE =
      StateKey.of("launch template", String.class);
  public static final StateKey<String> INSTANCE_ID = StateKey.of("instance id", String.class);
  public static final StateKey<Instance> INSTANCE = StateKey.of("instance", Instance.class);

  /** Where the engine's connect step connects to. */
  public static final StateKey<ConnectTarget> CONNECT_TARGET =
      StateKey.of("connect target", ConnectTarget.class);

  public static final StateKey<MadeImages> IMAGES = StateKey.of("images", MadeImages.class);

  /** Set by the last step: the cleanups keep the AMIs. */
  public static final StateKey<Boolean> SUCCEEDED = StateKeys.SUCCEEDED;
}
