package io.exowatch.app;

import io.exowatch.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code exowatch} command line: one entry point for every service and tool.
 * Each subcommand has {@code --help}.
 */
@Command(
    name = "exowatch",
    mixinStandardHelpOptions = true,
    versionProvider = ExoWatch.Version.class,
    description = "Tracks MSC-derived exosome and extracellular-vesicle therapies through trial registries and the literature.",
    subcommands = {UpCommand.class, StackCommand.class, IngestCommand.class, EnrichCommand.class, SinkCommand.class,
        ClassifyCommand.class, ConsumeCommand.class, TopicsCommand.class, ConfigCommand.class,
        ImportCommand.class, io.exowatch.app.offline.FakeSourcesCommand.class,
        CommandLine.HelpCommand.class})
public final class ExoWatch implements Runnable {

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its status. */
  public static void main(final String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    final CommandLine cli = new CommandLine(new ExoWatch());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
      if (e instanceof ConfigException) {
        // A bad setting is the user's to fix: say which key, without a stack trace.
        cmd.getErr().println("exowatch: configuration error: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Reads the version from the jar manifest, falling back to "dev" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      final String v = ExoWatch.class.getPackage().getImplementationVersion();
      return new String[] {"exowatch " + (v == null ? "dev" : v)};
    }
  }
}
