package dev.imagebake.cli;

/** The registry's command line on the default store, an SQLite file. */
class SqliteRegistryCliTest extends RegistryCliContract {
  @Override
  String registry() {
    return "sqlite:" + dir.resolve("data/registry.db");
  }
}
