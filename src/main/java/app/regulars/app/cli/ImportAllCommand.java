package app.regulars.app.cli;

import app.regulars.app.ArchiveJobs;
import app.regulars.app.BackupJobs;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.tables.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code import all FILE.zip}: the data of an export, into EMPTY data (decision 0026). It is built
 * beside the data and checked; then the data (empty) is backed up and replaced, as a restore does.
 */
@Command(name = "all", description = "Import everything from a ZIP made by `export all` into empty data (a new data folder, or "
        + "an empty database on a server: how a shop moves to another computer, or to a server). All or nothing: refused if the data "
        + "there is not empty, or the file is not an export of Regulars, is damaged, or comes from a newer Regulars.")
final class ImportAllCommand extends FeatureCommand {
    @Parameters(paramLabel = "FILE", description = "The ZIP file made by `export all`.")
    Path file;

    @Override
    public Integer call() {
        RegularsCommand root = (RegularsCommand) cli();
        Messages messages = messages();
        Clock clock = Clock.systemDefaultZone();
        boolean onServer;
        try {
            onServer = root.server().isPresent();
        } catch (UserException e) {
            err().println(e.localizedMessage(messages));
            return FAILED;
        }
        if (onServer) { // into an empty shared store: loaded here, then copied there in one transaction (decision 0032)
            return root.withContext(err(), ctx -> {
                var m = ArchiveJobs.importIntoServer(ctx, file, clock, Progress.NONE, () -> false);
                out().println(messages.get("archive.imported", file.toAbsolutePath().toString(), m.rows(ArchiveJobs.CUSTOMERS),
                        m.rows(ArchiveJobs.PURCHASES), m.totalRows(), m.files().size()));
                out().flush();
                return OK;
            });
        }
        ArchiveJobs.Prepared[] prepared = new ArchiveJobs.Prepared[1];
        int code = root.withContext(err(), ctx -> {
            prepared[0] = ArchiveJobs.prepare(ctx, file, clock, Progress.NONE, () -> false);
            return OK;
        });
        if (code != OK) {
            return code;
        }
        BackupJobs.Restored restored;
        try {
            restored = ArchiveJobs.finish(root.dataDirectory(), prepared[0], clock);
        } catch (UserException e) {
            err().println(e.localizedMessage(messages));
            err().flush();
            return FAILED;
        }
        var m = prepared[0].manifest();
        out().println(messages.get("archive.imported", file.toAbsolutePath().toString(), m.rows(ArchiveJobs.CUSTOMERS),
                m.rows(ArchiveJobs.PURCHASES), m.totalRows(), m.files().size()));
        restored.before().ifPresent(b -> out().println(messages.get("archive.before", b.file().toString())));
        out().flush();
        return OK;
    }
}
