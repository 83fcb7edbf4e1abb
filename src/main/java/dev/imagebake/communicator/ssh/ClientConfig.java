package dev.imagebake.communicator.ssh;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.cipher.StreamCiphers;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;

/**
 * sshj's {@link DefaultConfig} without its cipher trial. DefaultConfig keys and initialises each of
 * the 30 ciphers sshj knows, at every connection, to drop those no provider has: Blowfish's key
 * schedule alone made C2 compile its round function, and each missing cipher (ChaCha20 under
 * BouncyCastle's name, CAST5, IDEA, Serpent, Twofish: BouncyCastle is not registered, see {@link
 * SshCrypto}) cost a search of every provider and an exception. The list here is what that trial
 * keeps with the JDK's providers, in sshj's order; ClientConfigTest runs the trial and compares, so
 * an sshj or JDK upgrade that changes it fails the build rather than the handshake.
 */
final class ClientConfig extends DefaultConfig {

  @Override
  protected void initCipherFactories() {
    setCipherFactories(
        List.of(
            BlockCiphers.AES128CBC(),
            BlockCiphers.AES128CTR(),
            BlockCiphers.AES192CBC(),
            BlockCiphers.AES192CTR(),
            BlockCiphers.AES256CBC(),
            BlockCiphers.AES256CTR(),
            GcmCiphers.AES128GCM(),
            GcmCiphers.AES256GCM(),
            BlockCiphers.BlowfishCBC(),
            BlockCiphers.BlowfishCTR(),
            BlockCiphers.TripleDESCBC(),
            BlockCiphers.TripleDESCTR(),
            StreamCiphers.Arcfour(),
            StreamCiphers.Arcfour128(),
            StreamCiphers.Arcfour256()));
  }
}
