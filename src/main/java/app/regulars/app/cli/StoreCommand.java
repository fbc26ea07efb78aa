package app.regulars.app.cli;

import app.regulars.app.AppContext;
import app.regulars.app.StoreCopies;
import app.regulars.feature.CommandGroup;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.ServerAddress;
import app.regulars.store.StoreCopy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/** {@code store copy}: the whole store into an empty one, a file to a server and back (docs/decisions/0032-store-copy.md). */
@Command(name = "store", description = "Move the whole store between this computer's file and a PostgreSQL server.",
        subcommands = {StoreCommand.Copy.class})
public final class StoreCommand extends CommandGroup {
    @ParentCommand
    RegularsCommand root;

    /** Where the copy goes: one of the two. */
    static final class Target {
        @Option(names = "--to", paramLabel = "URL", required = true, description = "An EMPTY database on a PostgreSQL server, "
                + "postgresql://[user@]host[:port]/database[?sslmode=...] (its password: $" + RegularsCommand.DB_PASSWORD_ENV
                + ", else asked). Its schema is made or brought up to date first.")
        String url;

        @Option(names = "--to-file", paramLabel = "DIR", required = true, description = "A folder without a data file: a new data "
                + "file is made there (without a password; `security encrypt` gives it one).")
        Path dir;
    }

    @Command(name = "copy", description = "Copy the whole store (the data file, or the server of --db-url) into an empty store: "
            + "every table with its ids, the counters after them, each table's rows counted in both. All or nothing: refused if "
            + "the target holds any record; on a failure or an interruption the target is left as it was.")
    static final class Copy extends FeatureCommand {
        @ParentCommand
        StoreCommand group;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Override
        public Integer call() {
            RegularsCommand root = group.root;
            Messages messages = messages();
            PrintWriter out = out();
            PrintWriter err = err();
            ServerAddress server;
            try {
                server = target.url == null ? null : ServerAddress.parse(target.url);
            } catch (UserException e) {
                err.println(e.localizedMessage(messages));
                return FAILED;
            }
            String to = server != null ? server.toString() : target.dir.toAbsolutePath().normalize().toString();
            StoreCopy.Listener progress = (table, rows) -> {
                out.println(messages.get("store.copy.table", table.file(), rows));
                out.flush();
            };
            return root.withContext(err, source -> {
                String from = source.database().where();
                if (from.equals(to)) {
                    err.println(messages.get("store.copy.same", to));
                    return FAILED;
                }
                out.println(messages.get("store.copy.start", from, to));
                out.flush();
                StoreCopy.Copied copied;
                try {
                    if (server != null) {
                        try (AppContext into = root.openServer(server)) {
                            copied = StoreCopies.toServer(source, into, progress, () -> false);
                        }
                    } else {
                        copied = StoreCopies.toFile(source, target.dir, Clock.systemDefaultZone(), progress, () -> false);
                    }
                } catch (RuntimeException e) {
                    err.println(messages.describe(e));
                    err.println(messages.get("store.copy.undone", to));
                    err.flush();
                    if (!(e instanceof UserException)) {
                        org.slf4j.LoggerFactory.getLogger(StoreCommand.class).error("store copy failed", e);
                    }
                    return FAILED;
                }
                out.println(messages.get("store.copy.done", from, to, copied.tables(), copied.totalRows(),
                        String.format(Locale.ROOT, "%.1f", copied.took().toMillis() / 1000.0)));
                out.flush();
                return OK;
            });
        }
    }
}
