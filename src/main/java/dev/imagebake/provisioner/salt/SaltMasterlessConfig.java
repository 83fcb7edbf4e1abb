package dev.imagebake.provisioner.salt;

import dev.imagebake.sdk.config.Doc;
import java.util.List;
import java.util.Locale;

/** The {@code salt-masterless} provisioner's keys (reference §6.4). Null means "not set". */
@Doc(
    "Applies Salt states on the machine with salt-call --local (no Salt master): uploads the state"
        + " tree and pillar, optionally installs Salt first.")
public record SaltMasterlessConfig(
    @Doc("Local directory with the Salt state tree (top.sls and the states). Required.")
        String localStateTree,
    @Doc("Local directory with the pillar roots (pillar top.sls and pillar files).")
        String localPillarRoots,
    @Doc(
            "Where the state tree goes on the machine, replacing what is there (default /srv/salt)."
                + " Not allowed with minion_config.")
        String remoteStateTree,
    @Doc(
            "Where the pillar roots go on the machine, replacing what is there (default"
                + " /srv/pillar). Not allowed with minion_config.")
        String remotePillarRoots,
    @Doc(
            "Local minion configuration file, installed as /etc/salt/minion; salt-call then gets no"
                + " --file-root/--pillar-root (the trees still go to /srv/salt and /srv/pillar).")
        String minionConfig,
    @Doc("Local grains file, installed as /etc/salt/grains.") String grainsFile,
    @Doc("Do not download and run Salt's bootstrap script (Salt is already installed).")
        Boolean skipBootstrap,
    @Doc("Arguments of the bootstrap script (e.g. \"-X stable 3006\").") String bootstrapArgs,
    @Doc("Run the remote commands without sudo (the login user is root, or a container).")
        Boolean disableSudo,
    @Doc("Run state.sls with this state instead of state.highstate.") String customState,
    @Doc("Shell text appended verbatim to the salt-call command line.") String saltCallArgs,
    @Doc("Directory of salt-call on the machine, when it is not on the PATH.") String saltBinDir,
    @Doc("Remote staging directory the files pass through (default /tmp/salt).")
        String tempConfigDir,
    @Doc(
            "Do not fail the build when Salt states fail (no --retcode-passthrough; failures are"
                + " reported and ignored).")
        Boolean noExitOnFailure,
    @Doc("salt-call's -l log level (default info).") String logLevel,
    @Doc("Remove the remote state tree and pillar roots after salt-call ran.") Boolean clean,
    @Doc(
            "Git URLs of Salt formulas, each with a //subdir (e.g."
                + " git::https://github.com/saltstack-formulas/vault-formula.git//vault?ref=v1.2.3)."
                + " Cloned locally with git and uploaded into the state tree; local_state_tree is"
                + " not modified.")
        List<String> formulas,
    @Doc("The machine's OS family: unix (default) or windows (not supported by imagebake yet).")
        String guestOsType) {

  static final String DEFAULT_REMOTE_STATE_TREE = "/srv/salt";
  static final String DEFAULT_REMOTE_PILLAR_ROOTS = "/srv/pillar";
  static final String DEFAULT_TEMP_CONFIG_DIR = "/tmp/salt";
  static final String DEFAULT_LOG_LEVEL = "info";
  static final String MINION_CONFIG_PATH = "/etc/salt/minion";
  static final String GRAINS_PATH = "/etc/salt/grains";

  String stateTree() {
    return orDefault(remoteStateTree, DEFAULT_REMOTE_STATE_TREE);
  }

  String pillarRoots() {
    return orDefault(remotePillarRoots, DEFAULT_REMOTE_PILLAR_ROOTS);
  }

  String tempDir() {
    return orDefault(tempConfigDir, DEFAULT_TEMP_CONFIG_DIR);
  }

  String level() {
    return orDefault(logLevel, DEFAULT_LOG_LEVEL);
  }

  /** {@code guest_os_type}, lower-cased as Packer does, {@code unix} when unset. */
  String osType() {
    return isSet(guestOsType) ? guestOsType.toLowerCase(Locale.ROOT) : "unix";
  }

  boolean sudo() {
    return !Boolean.TRUE.equals(disableSudo);
  }

  boolean bootstrap() {
    return !Boolean.TRUE.equals(skipBootstrap);
  }

  boolean exitOnFailure() {
    return !Boolean.TRUE.equals(noExitOnFailure);
  }

  boolean cleanAfter() {
    return Boolean.TRUE.equals(clean);
  }

  List<String> formulaList() {
    return formulas == null ? List.of() : formulas;
  }

  static boolean isSet(String s) {
    return s != null && !s.isEmpty();
  }

  private static String orDefault(String s, String fallback) {
    return isSet(s) ? s : fallback;
  }
}
