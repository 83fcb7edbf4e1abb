package dev.imagebake.communicator.ssh;

import com.hierynomus.sshj.transport.cipher.GcmCipher;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.List;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SSHRuntimeException;
import net.schmizz.sshj.transport.cipher.BlockCipher;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * AES ciphers computed by the JDK's own provider. sshj asks its preferred provider, BouncyCastle
 * when it is on the classpath (it is: a dependency of sshj), whose pure-Java AES is several times
 * slower than the JDK's, which uses the CPU's AES instructions; a 100 MiB upload took 4-5 s instead
 * of under 1 s. These factories keep sshj's protocol code and swap only the primitive.
 */
final class JdkCiphers {
  private static final String PROVIDER = "SunJCE";

  private JdkCiphers() {}

  /** Replacements, by sshj cipher name. */
  static List<Factory.Named<Cipher>> factories() {
    return List.of(
        gcm("aes128-gcm@openssh.com", 128),
        gcm("aes256-gcm@openssh.com", 256),
        ctr("aes128-ctr", 128),
        ctr("aes192-ctr", 192),
        ctr("aes256-ctr", 256));
  }

  private static Factory.Named<Cipher> gcm(String name, int keyBits) {
    return named(name, () -> new JdkGcm(keyBits / 8));
  }

  private static Factory.Named<Cipher> ctr(String name, int keyBits) {
    return named(name, () -> new JdkCtr(keyBits / 8));
  }

  private static Factory.Named<Cipher> named(String name, Factory<Cipher> factory) {
    return new Factory.Named<>() {
      @Override
      public Cipher create() {
        return factory.create();
      }

      @Override
      public String getName() {
        return name;
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static javax.crypto.Cipher jdk(String transformation) {
    try {
      return javax.crypto.Cipher.getInstance(transformation, PROVIDER);
    } catch (GeneralSecurityException e) {
      throw new SSHRuntimeException(e);
    }
  }

  /** sshj's AES-GCM with the JDK's AES. */
  private static final class JdkGcm extends GcmCipher {
    JdkGcm(int keyBytes) {
      super(12, 16, keyBytes, "AES", "AES/GCM/NoPadding");
    }

    @Override
    protected void initCipher(javax.crypto.Cipher ignored, Mode mode, byte[] key, byte[] iv)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      cipher = jdk("AES/GCM/NoPadding");
      super.initCipher(cipher, mode, key, iv);
    }
  }

  /** sshj's AES-CTR with the JDK's AES. */
  private static final class JdkCtr extends BlockCipher {
    JdkCtr(int keyBytes) {
      super(16, keyBytes, "AES", "AES/CTR/NoPadding");
    }

    @Override
    protected void initCipher(javax.crypto.Cipher ignored, Mode mode, byte[] key, byte[] iv)
        throws InvalidKeyException, InvalidAlgorithmParameterException {
      cipher = jdk("AES/CTR/NoPadding");
      super.initCipher(cipher, mode, key, iv);
    }
  }
}
