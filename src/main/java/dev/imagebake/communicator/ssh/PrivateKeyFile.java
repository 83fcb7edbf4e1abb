package dev.imagebake.communicator.ssh;

import com.hierynomus.sshj.userauth.keyprovider.OpenSSHKeyV1KeyFile;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.PKCS8KeyFile;

/**
 * Checks that a file holds an unencrypted SSH private key that Packer would accept (PEM: RSA, EC,
 * DSA, PKCS#8, or OpenSSH's own format), with Packer's error wording.
 */
final class PrivateKeyFile {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Set<String> PEM_KEY_TYPES =
      Set.of("RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY", "PRIVATE KEY");
  private static final String SETUP = "Error setting up SSH config: ";

  private PrivateKeyFile() {}

  /**
   * @param file the resolved file
   * @param shown the path as the user wrote it (~ expanded), for messages
   * @return why the file is not a usable key, or empty
   */
  static Optional<String> problem(Path file, String shown) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return Optional.of("stat " + shown + ": no such file or directory");
    } catch (AccessDeniedException e) {
      return Optional.of("open " + shown + ": permission denied");
    } catch (IOException e) {
      return Optional.of("open " + shown + ": " + e.getMessage());
    }
    Matcher pem = PEM.matcher(content);
    if (!pem.find()) {
      return Optional.of(SETUP + "Failed to read key '" + shown + "': no key found");
    }
    String type = pem.group(1);
    String body = pem.group(2);
    if (body.contains("Proc-Type: 4,ENCRYPTED")) {
      return Optional.of(
          SETUP
              + "Failed to read key '"
              + shown
              + "': password protected keys are not supported. Please decrypt the key prior to"
              + " use.");
    }
    SshCrypto.configure();
    FileKeyProvider provider;
    if (type.equals("OPENSSH PRIVATE KEY")) {
      if (openSshEncrypted(body)) {
        return Optional.of(SETUP + "ssh: this private key is passphrase protected");
      }
      provider = new OpenSSHKeyV1KeyFile();
    } else if (PEM_KEY_TYPES.contains(type)) {
      provider = new PKCS8KeyFile();
    } else {
      return Optional.of(SETUP + "ssh: unsupported key type \"" + type + "\"");
    }
    try {
      provider.init(new StringReader(pem.group()));
      if (provider.getPrivate() == null) {
        return Optional.of(SETUP + "ssh: no key found");
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(SETUP + "ssh: " + e.getMessage());
    }
  }

  /** Whether an OpenSSH-format key names a cipher other than "none". */
  private static boolean openSshEncrypted(String body) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(Base64.getMimeDecoder().decode(body.strip()));
      byte[] magic = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
      bytes.position(magic.length);
      byte[] cipher = new byte[bytes.getInt()];
      bytes.get(cipher);
      return !new String(cipher, StandardCharsets.US_ASCII).equals("none");
    } catch (RuntimeException malformed) {
      return false; // the parser reports it
    }
  }
}
