package dev.imagebake.provisioner.ansible;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagebake.testing.TestBuildContext;
import java.util.List;
import org.junit.jupiter.api.Test;

class EscapedSecretsTest {
  @Test
  void secretsAreFoundBetweenTheLiteralParts() {
    assertThat(EscapedSecrets.secretsIn("'a=p4ss\\w0rd b=x\"y'", "'a=<sensitive> b=<sensitive>'"))
        .containsExactly("p4ss\\w0rd", "x\"y");
    assertThat(EscapedSecrets.secretsIn("-v", "-v")).isEmpty();
  }

  @Test
  void theJsonFormsOfSecretsInExtraArgumentsAreMaskedToo() {
    TestBuildContext ctx = TestBuildContext.create();
    ctx.addSecret("p4ss\\w0rd");
    ctx.addSecret("plain");

    EscapedSecrets.register(
        ctx, List.of("--extra-vars", "'db_password=p4ss\\w0rd token=plain'", "-v"));

    assertThat(ctx.mask("\"db_password\": \"p4ss\\\\w0rd\", \"token\": \"plain\""))
        .isEqualTo("\"db_password\": \"<sensitive>\", \"token\": \"<sensitive>\"");
    assertThat(ctx.secrets()).containsExactlyInAnyOrder("p4ss\\w0rd", "p4ss\\\\w0rd", "plain");
  }
}
