package dev.imagebake.communicator.ssh;

import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyFactorySpi;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import net.schmizz.sshj.common.SecurityUtils;

/**
 * Where sshj's cryptography comes from: the JDK, which has every algorithm SSH needs since Java 15
 * (Ed25519, X25519, EC, AES-GCM). By default sshj registers BouncyCastle as a JCE provider, which
 * costs about half a second of CPU per run (hundreds of classes from signed jars, each jar
 * verified) before the first connection. BouncyCastle stays on the class path for the key file
 * formats sshj parses with it; only its provider registration is skipped.
 *
 * <p>sshj asks for EC key factories by BouncyCastle's name, {@code ECDSA}; the JDK calls them
 * {@code EC}. A one-entry provider maps the one to the other.
 */
public final class SshCrypto {
  private SshCrypto() {}

  /** Configures sshj once per JVM (sshj keeps this in static state); later calls do nothing. */
  public static void configure() {
    Once.DONE.hashCode();
  }

  /** Class initialisation runs the configuration exactly once, thread-safely. */
  private enum Once {
    DONE;

    Once() {
      SecurityUtils.setRegisterBouncyCastle(false);
      if (Security.getProvider(EcdsaAlias.NAME) == null) {
        Security.addProvider(new EcdsaAlias());
      }
    }
  }

  /** Offers the JDK's {@code EC} key factory under the name {@code ECDSA}. */
  static final class EcdsaAlias extends Provider {
    static final String NAME = "imagebake-ecdsa-alias";

    EcdsaAlias() {
      super(NAME, "1.0", "ECDSA key factory name for the JDK's EC key factory");
      put("KeyFactory.ECDSA", EcKeyFactory.class.getName());
    }
  }

  /** A key factory that delegates to the JDK's {@code EC} one. */
  public static final class EcKeyFactory extends KeyFactorySpi {
    private final KeyFactory ec;

    public EcKeyFactory() throws NoSuchAlgorithmException {
      this.ec = KeyFactory.getInstance("EC");
    }

    @Override
    protected PublicKey engineGeneratePublic(KeySpec spec) throws InvalidKeySpecException {
      return ec.generatePublic(spec);
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec spec) throws InvalidKeySpecException {
      return ec.generatePrivate(spec);
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> type)
        throws InvalidKeySpecException {
      return ec.getKeySpec(key, type);
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
      return ec.translateKey(key);
    }
  }
}
