package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.app.Features;
import app.regulars.feature.CommandContext;
import app.regulars.feature.Commands;
import app.regulars.feature.Feature;
import app.regulars.feature.FeatureCommand;
import app.regulars.feature.Services;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Compaction;
import app.regulars.store.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The command line: {@code regulars [--data-dir DIR] COMMAND ...}. Commands are thin: parse,
 * call a service, print. Without a command the window opens (see {@code Regulars}).
 */
@Command(name = "regulars", mixinStandardHelpOptions = true, version = "Regulars 0.1",
        description = "Regulars: an offline customer book. Without a command, opens the window.",
        subcommands = {DemoCommand.class, ImportCommand.class, ExportCommand.class, BackupCommand.class, SecurityCommand.class,
                StoreCommand.class})
public final class RegularsCommand implements CommandContext {
    public static final int OK = FeatureCommand.OK;
    public static final int FAILED = FeatureCommand.FAILED;

    private static final Logger LOG = LoggerFactory.getLogger(RegularsCommand.class);

    @Option(names = "--data-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "Folder of the data file (default: $" + DataDirectory.ENV + ", else the system's data folder).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "URL", scope = CommandLine.ScopeType.INHERIT,
            description = "Use a shared store on a PostgreSQL server, postgresql://host:port/database (default: $"
                    + RegularsCommand.DB_URL_ENV + "; its password: $" + RegularsCommand.DB_PASSWORD_ENV + ", else asked).")
    String dbUrl;

    @Option(names = "--user", paramLabel = "NAME", scope = CommandLine.ScopeType.INHERIT,
            description = "Who you are, in a store with people (default: $" + RegularsCommand.USER_ENV
                    + "; PIN: $" + RegularsCommand.PIN_ENV + ", else asked).")
    String user;

    /** The person a command works as in a store with people (decision 0033), else {@code --user}. */
    public static final String USER_ENV = "REGULARS_USER";
    /** That person's PIN (else it is asked at the terminal). */
    public static final String PIN_ENV = "REGULARS_PIN";

    /** The environment variable with the address of a shared store (else {@code --db-url}; neither: the data file). */
    public static final String DB_URL_ENV = "REGULARS_DB_URL";
    /** The environment variable with the password of the shared store's account (else it is asked). */
    public static final String DB_PASSWORD_ENV = "REGULARS_DB_PASSWORD";

    /** The environment variable that holds the password of encrypted data, for every command (else it is asked). */
    public static final String PASSWORD_ENV = "REGULARS_PASSWORD";
    /** The new password for {@code security change-password} without a terminal (else it is asked). */
    public static final String NEW_PASSWORD_ENV = "REGULARS_NEW_PASSWORD";

    /** Where a command reads a password the environment does not give: the terminal, without echo. */
    @FunctionalInterface
    public interface Terminal {
        /** What the user typed after {@code prompt}; null when there is no terminal to ask. */
        char[] readPassword(String prompt);

        Terminal CONSOLE = prompt -> {
            java.io.Console console = System.console();
            return console == null ? null : console.readPassword("%s", prompt);
        };
    }

    private final Messages messages;
    private final Function<String, String> env;
    private final Terminal terminal;

    public RegularsCommand(Messages messages) {
        this(messages, System::getenv, Terminal.CONSOLE);
    }

    public RegularsCommand(Messages messages, Function<String, String> env, Terminal terminal) {
        this.messages = messages;
        this.env = env;
        this.terminal = terminal;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    public Path dataDirectory() {
        return DataDirectory.resolve(dataDir);
    }

    /**
     * The shared store the command works on ({@code --db-url}, else {@value #DB_URL_ENV}); empty for
     * the data file in the data folder (docs/decisions/0030-two-engines.md). {@code store.server.badUrl}
     * when the address is none.
     */
    public java.util.Optional<app.regulars.store.ServerAddress> server() {
        String url = dbUrl != null ? dbUrl : env.apply(DB_URL_ENV);
        return url == null || url.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(app.regulars.store.ServerAddress.parse(url));
    }

    /**
     * Refuses a command that works on the data file of this computer (backups, its password, import
     * all) when the data is on a server: says so on {@code err} and returns true.
     */
    public boolean refusedOnServer(PrintWriter err, String command) {
        java.util.Optional<app.regulars.store.ServerAddress> server;
        try {
            server = server();
        } catch (UserException e) {
            err.println(e.localizedMessage(messages));
            return true;
        }
        if (server.isEmpty()) {
            return false;
        }
        err.println(messages.get("cli.server.fileOnly", command, server.get().toString()));
        err.flush();
        return true;
    }

    /**
     * Opens the shared store at {@code server}: signed in with {@value #DB_PASSWORD_ENV}; without it,
     * with no password, and when the server wants one, with the one typed at the terminal (no echo).
     */
    AppContext openServer(app.regulars.store.ServerAddress server) {
        java.time.Clock clock = java.time.Clock.systemDefaultZone();
        java.util.Locale locale = java.util.Locale.getDefault();
        String fromEnv = env.apply(DB_PASSWORD_ENV);
        if (fromEnv != null) {
            return AppContext.open(server, app.regulars.store.Password.of(fromEnv), dataDirectory(), clock, locale);
        }
        try {
            return AppContext.open(server, app.regulars.store.Password.NONE, dataDirectory(), clock, locale);
        } catch (UserException e) {
            if (!e.key().equals("store.server.passwordNeeded")) {
                throw e;
            }
            char[] typed = terminal.readPassword(messages.get("cli.server.prompt", server.toString()));
            if (typed == null) {
                throw e;
            }
            app.regulars.store.Password password = app.regulars.store.Password.of(typed);
            java.util.Arrays.fill(typed, '\0');
            return AppContext.open(server, password, dataDirectory(), clock, locale);
        }
    }

    /**
     * The password of encrypted data (docs/decisions/0022-encryption.md): {@value #PASSWORD_ENV}, else
     * asked at the terminal, and only when something encrypted is opened (the data or a backup).
     */
    public app.regulars.store.Password password() {
        return app.regulars.store.Password.asking(() -> read(PASSWORD_ENV, messages.get("cli.security.prompt")));
    }

    /** {@code variable}'s value, else what the user types after {@code prompt}; {@code store.error.passwordNeeded} when neither. */
    char[] read(String variable, String prompt) {
        String fromEnv = env.apply(variable);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        char[] typed = terminal.readPassword(prompt);
        if (typed == null) {
            throw new UserException("store.error.passwordNeeded");
        }
        return typed;
    }

    /** Whether {@code variable} is set (a password from the environment is not asked twice). */
    boolean inEnvironment(String variable) {
        return env.apply(variable) != null;
    }

    /**
     * A picocli command line whose commands can reach this root (for messages and the data
     * folder): the app's own commands, then each feature's, and what each adds to
     * {@code import} and {@code export}.
     */
    public static CommandLine create(Messages messages) {
        return create(new RegularsCommand(messages));
    }

    /** The command line over {@code root} (tests give it their own environment and terminal). */
    public static CommandLine create(RegularsCommand root) {
        Messages messages = root.messages;
        CommandLine cl = new CommandLine(root);
        CommandLine imports = cl.getSubcommands().get("import");
        CommandLine exports = cl.getSubcommands().get("export");
        // everything at once, every feature's files (decision 0026)
        imports.addSubcommand(ImportAllCommand.class);
        exports.addSubcommand(ExportAllCommand.class);
        for (Feature feature : Features.create()) {
            Commands commands = feature.commands();
            commands.top().forEach(cl::addSubcommand);
            commands.imports().forEach(imports::addSubcommand);
            commands.exports().forEach(exports::addSubcommand);
        }
        cl.getSubcommands().values().forEach(RegularsCommand::addHelpOption);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(messages.describe(ex));
            if (!(ex instanceof UserException)) {
                LOG.error("Command failed", ex);
            }
            return FAILED;
        });
        return cl;
    }

    /** {@code -h, --help} on every command, as the root has it. */
    private static void addHelpOption(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
        }
        command.getSubcommands().values().forEach(RegularsCommand::addHelpOption);
    }

    private void reportCompaction(PrintWriter err, Compaction.Progress p) {
        switch (p.step()) {
            case STARTED -> err.println(messages.get("store.compacting", p.fileBytes() / 1_000_000, p.liveBytes() / 1_000_000));
            case DONE -> err.println(messages.get("store.compacted", p.newBytes() / 1_000_000, p.elapsed().toMillis() / 1000.0));
            case FAILED -> err.println(messages.get("store.compactFailed"));
            default -> {
                return;
            }
        }
        err.flush();
    }

    /** The store the command works on: the shared store of {@link #server()}, else the data folder's file. */
    private AppContext open() {
        var server = server();
        return server.isPresent() ? openServer(server.get()) : AppContext.open(dataDirectory(), password());
    }

    /**
     * In a store with people, signs in as {@code --user} (else {@value #USER_ENV}) with {@value #PIN_ENV}
     * (else typed at the terminal): the command then runs with that person's role, and a staff member's
     * export of everything, erasure or change of settings is refused as in the window (decision 0033).
     * Without a name, {@code cli.people.signInNeeded}: the command line never bypasses the roles.
     */
    private void signIn(AppContext ctx) {
        app.regulars.store.People people = ctx.people();
        if (!people.session().peopleExist()) {
            return; // a store without people: nobody signs in, as before
        }
        String name = user != null ? user : env.apply(USER_ENV);
        if (name == null || name.isBlank()) {
            throw new UserException("cli.people.signInNeeded");
        }
        char[] pin = env.apply(PIN_ENV) != null ? env.apply(PIN_ENV).toCharArray()
                : terminal.readPassword(messages.get("cli.people.pinPrompt", name));
        if (pin == null) {
            throw new UserException("cli.people.signInNeeded"); // no PIN and no terminal to ask
        }
        try {
            people.signIn(name, pin);
        } finally {
            java.util.Arrays.fill(pin, '\0');
        }
    }

    /**
     * For the commands on the closed data file (a restore, its password): in a store with people, only
     * the owner, signed in as for every command (decision 0033). Says why on {@code err} and returns
     * true when refused; a folder without data, or data that does not open, is never refused here.
     */
    public boolean refusedToStaff(PrintWriter err, String command) {
        if (!java.nio.file.Files.exists(dataDirectory().resolve(app.regulars.store.Database.FILE_NAME + ".mv.db"))) {
            return false;
        }
        try (AppContext ctx = open()) {
            signIn(ctx);
            ctx.database().session().requireOwner();
            return false;
        } catch (UserException e) {
            if (!e.key().startsWith("people.") && !e.key().startsWith("cli.people.")) {
                return false; // a file that does not open (damaged, say) is the command's own case: a restore is its cure
            }
            err.println(e.localizedMessage(messages));
            err.flush();
            return true;
        }
    }

    @Override
    public int withServices(PrintWriter err, Function<Services, Integer> work) {
        return withContext(err, ctx -> work.apply(ctx.services()));
    }

    /**
     * Opens the store, runs {@code work}, closes it; a locked or unreadable store becomes a message.
     * A file that has grown well past its data (after {@code demo} or a large import) is compacted
     * as it closes, which takes seconds: a line on {@code err} says so.
     */
    public int withContext(PrintWriter err, Function<AppContext, Integer> work) {
        try (AppContext ctx = open()) {
            ctx.database().onCompaction(p -> reportCompaction(err, p));
            signIn(ctx);
            return work.apply(ctx);
        } catch (UserException e) {
            err.println(e.localizedMessage(messages));
            return FAILED;
        }
    }
}
