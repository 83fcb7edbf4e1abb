package dev.imagebake.registry;

import dev.imagebake.testing.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry contract on a real PostgreSQL server (one server, a database per test). */
class PostgresRegistryTest extends RegistryContract {
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
  String freshDatabase() throws Exception {
    return server.createDatabase();
  }

  @Override
  Connection rawConnection(String spec) throws Exception {
    String db = spec.substring(spec.lastIndexOf('/') + 1);
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + db, "postgres", "");
  }
}
