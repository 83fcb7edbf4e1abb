package dev.imagebake.cli;

import dev.imagebake.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry's command line on a real PostgreSQL server. */
class PostgresRegistryCliTest extends RegistryCliContract {
  private static PostgresServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = PostgresServer.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  String registry() throws Exception {
    return server.createDatabase();
  }
}
