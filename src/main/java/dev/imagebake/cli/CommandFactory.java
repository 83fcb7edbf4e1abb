package dev.imagebake.cli;

import picocli.CommandLine;

/** Gives every command the {@link Cli} it runs in, instead of static state. */
final class CommandFactory implements CommandLine.IFactory {
  private final Cli cli;

  CommandFactory(Cli cli) {
    this.cli = cli;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (var c : type.getDeclaredConstructors()) {
      if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Cli.class) {
        c.setAccessible(true);
        return type.cast(c.newInstance(cli));
      }
    }
    return CommandLine.defaultFactory().create(type);
  }
}
