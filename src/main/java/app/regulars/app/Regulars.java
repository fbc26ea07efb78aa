package app.regulars.app;

import app.regulars.app.cli.RegularsCommand;
import app.regulars.i18n.Messages;
import app.regulars.store.DataDirectory;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Entry point. With a command ({@code demo}, {@code import}, {@code export}, {@code find}, ...)
 * the program works without a window; with none (only {@code --data-dir} perhaps), the
 * window opens. Not an {@code Application} itself, so the jar starts on the class path.
 */
public final class Regulars {
    private Regulars() {
    }

    public static void main(String[] args) {
        // A shared store asked for (REGULARS_DB_URL): its address is read by the command line below, which then opens the window on it.
        boolean window = opensWindow(args) && System.getenv(app.regulars.app.cli.RegularsCommand.DB_URL_ENV) == null;
        if (window) {
            // java -jar carries no JVM options: the window starts in a JVM that has them (JvmOptions).
            OptionalInt relaunched = JvmOptions.relaunch(args);
            if (relaunched.isPresent()) {
                System.exit(relaunched.getAsInt());
                return;
            }
        }
        if (namesCommand(args)) {
            // A command's long work (a demo, an import, an export) runs in a JVM with the command options
            // (JvmOptions), started before anything here is loaded: this JVM only waits.
            OptionalInt relaunched = JvmOptions.relaunchCommand(args);
            if (relaunched.isPresent()) {
                System.exit(relaunched.getAsInt());
                return;
            }
        }
        if (window) {
            app.regulars.fx.Milestones.reach(app.regulars.fx.Milestones.MAIN);
            JvmOptions.reportArchiveAtExit();
        }
        // Before any logger starts: the log file goes into the data folder.
        Path dataDirectory = DataDirectory.resolve(dataDirArgument(args));
        System.setProperty("regulars.log.dir", dataDirectory.resolve("logs").toString());
        if (window) {
            Rendering.choose(); // before JavaFX starts
            RegularsApp.launch(dataDirectory); // no command line to parse: its classes stay unloaded
            return;
        }
        Messages messages = Messages.forSystem();
        CommandLine cli = RegularsCommand.create(messages);
        CommandLine.ParseResult parsed;
        try {
            parsed = cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            try {
                System.exit(cli.getParameterExceptionHandler().handleParseException(e, args));
            } catch (Exception unexpected) {
                System.exit(2);
            }
            return;
        } catch (RuntimeException e) {
            System.err.println(messages.describe(e));
            System.exit(2);
            return;
        }
        if (!parsed.hasSubcommand() && !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
            RegularsCommand root = cli.getCommand();
            java.util.Optional<app.regulars.store.ServerAddress> server;
            try {
                server = root.server(); // --db-url or REGULARS_DB_URL: the window opens that shared store
            } catch (app.regulars.i18n.UserException e) {
                System.err.println(e.localizedMessage(messages));
                System.exit(RegularsCommand.FAILED);
                return;
            }
            if (server.isPresent()) {
                OptionalInt relaunched = JvmOptions.relaunch(args);
                if (relaunched.isPresent()) {
                    System.exit(relaunched.getAsInt());
                    return;
                }
            }
            Rendering.choose();
            RegularsApp.launch(root.dataDirectory(), server.orElse(null));
            return;
        }
        if (parsed.hasSubcommand()) {
            org.slf4j.LoggerFactory.getLogger(Regulars.class).info("{} in a JVM with a heap of at most {} MB, {}",
                    parsed.subcommand().commandSpec().qualifiedName(), Runtime.getRuntime().maxMemory() >> 20,
                    java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                            .map(java.lang.management.GarbageCollectorMXBean::getName).toList());
        }
        System.exit(cli.execute(args));
    }

    /** The options of {@code regulars} itself that take a value ({@link RegularsCommand}). */
    private static final java.util.Set<String> VALUED = java.util.Set.of("--data-dir", "--db-url", "--user");

    /**
     * Whether these arguments name a command to run ({@code demo}, {@code import customers F}, ...),
     * read before the command line is parsed: a word after {@code regulars}' own options, and no
     * {@code --help} or {@code --version} anywhere (nothing to run then).
     */
    static boolean namesCommand(String[] args) {
        for (String a : args) {
            if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
                return false;
            }
        }
        for (int i = 0; i < args.length; i++) {
            if (VALUED.contains(args[i])) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return true;
            }
        }
        return false;
    }

    /** Whether these arguments open the window: nothing, or only {@code --data-dir DIR}. */
    static boolean opensWindow(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                i++;
            } else if (!args[i].startsWith("--data-dir=")) {
                return false;
            }
        }
        return true;
    }

    /** {@code --data-dir DIR} or {@code --data-dir=DIR} if given, for the log folder only. */
    static Path dataDirArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return null;
    }
}
