package app.regulars.app.cli;

import app.regulars.app.BackupJobs;
import app.regulars.feature.CommandGroup;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.store.Backups;
import app.regulars.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

/** {@code backup create|list|verify|restore}: verified backups of the data folder (docs/decisions/0019-verified-backups.md). */
@Command(name = "backup", description = "Back up the data, list and verify the backups, restore one.",
        subcommands = {BackupCommand.Create.class, BackupCommand.ListBackups.class, BackupCommand.Verify.class, BackupCommand.Restore.class})
public final class BackupCommand extends CommandGroup {
    @ParentCommand
    RegularsCommand root;

    static Date when(java.time.LocalDateTime t) {
        return Date.from(t.atZone(ZoneId.systemDefault()).toInstant());
    }

    static String line(Messages m, Backups.Backup b) {
        return m.get("cli.backup.line", when(b.taken()), m.get("backup.kind." + b.kind().word()), b.bytes() / 1_000_000.0,
                b.rows(BackupJobs.CUSTOMERS), b.rows(BackupJobs.PURCHASES), m.get("backup.status." + b.status().name()), b.file());
    }

    @Command(name = "create", description = "Back up the data now, and verify the backup (into the backups folder, or DIR).")
    static final class Create extends FeatureCommand {
        @ParentCommand
        BackupCommand group;

        @Option(names = "--to", paramLabel = "DIR", description = "The folder to write the backup into (default: the backups folder).")
        Path to;

        @Override
        public Integer call() {
            if (group.root.refusedOnServer(err(), "backup create")) {
                return FAILED;
            }
            RegularsCommand root = group.root;
            PrintWriter out = out();
            PrintWriter err = err();
            return root.withContext(err, ctx -> {
                Backups.Backup b = BackupJobs.backUp(ctx.database(), to == null ? null : to.toAbsolutePath(), Backups.Kind.MANUAL,
                        Clock.systemDefaultZone());
                if (!b.verified()) {
                    err.println(messages().get("cli.backup.failed", b.file(), b.problem()));
                    return FAILED;
                }
                out.println(messages().get("cli.backup.created", b.file(), b.rows(BackupJobs.CUSTOMERS), b.rows(BackupJobs.PURCHASES),
                        b.bytes() / 1_000_000.0));
                return OK;
            });
        }
    }

    @Command(name = "list", description = "List the backups, newest first: date, why, size, customers, purchases, checked, file.")
    static final class ListBackups extends FeatureCommand {
        @ParentCommand
        BackupCommand group;

        @Override
        public Integer call() {
            if (group.root.refusedOnServer(err(), "backup list")) {
                return FAILED;
            }
            Path folder = Backups.folder(group.root.dataDirectory());
            List<Backups.Backup> all = Backups.list(folder);
            if (all.isEmpty()) {
                out().println(messages().get("cli.backup.none", folder));
            }
            all.forEach(b -> out().println(line(messages(), b)));
            return OK;
        }
    }

    @Command(name = "verify", description = "Read every row of a backup and compare each table's rows and checksum with what it held when written.")
    static final class Verify extends FeatureCommand {
        @ParentCommand
        BackupCommand group;

        @Parameters(paramLabel = "FILE", description = "The backup file (" + Database.FILE_NAME + "-...mv.db).")
        Path file;

        @Override
        public Integer call() {
            try {
                Backups.Backup b = Backups.verify(file.toAbsolutePath(), group.root.password());
                if (!b.verified()) {
                    err().println(messages().get("cli.backup.failed", b.file(), b.problem()));
                    return FAILED;
                }
                out().println(messages().get("cli.backup.verified", b.file(), b.rows(BackupJobs.CUSTOMERS), b.rows(BackupJobs.PURCHASES),
                        when(b.taken())));
                return OK;
            } catch (UserException e) {
                err().println(e.localizedMessage(messages()));
                return FAILED;
            }
        }
    }

    @Command(name = "restore", description = "Replace the data with a backup, after backing up the data there now. "
            + "Refused while another Regulars has the data folder open.")
    static final class Restore extends FeatureCommand {
        @ParentCommand
        BackupCommand group;

        @Parameters(paramLabel = "FILE", description = "The backup file to restore.")
        Path file;

        @Override
        public Integer call() {
            if (group.root.refusedToStaff(err(), "backup restore")) {
                return FAILED;
            }
            if (group.root.refusedOnServer(err(), "backup restore")) {
                return FAILED;
            }
            try {
                BackupJobs.Restored r = BackupJobs.restore(group.root.dataDirectory(), file.toAbsolutePath(), Clock.systemDefaultZone(),
                        group.root.password());
                r.before().ifPresentOrElse(b -> out().println(messages().get("cli.backup.current", b.file())),
                        () -> out().println(messages().get("cli.backup.keptOld")));
                Backups.Backup b = r.restored();
                out().println(messages().get("cli.backup.restored", b.file(), b.rows(BackupJobs.CUSTOMERS), b.rows(BackupJobs.PURCHASES),
                        when(b.taken())));
                return OK;
            } catch (UserException e) {
                err().println(e.localizedMessage(messages()));
                return FAILED;
            }
        }
    }
}
