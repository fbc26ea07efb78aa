package app.regulars.app.cli;

import app.regulars.app.ArchiveJobs;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import app.regulars.store.ShopArchive;
import app.regulars.tables.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code export all --out FILE.zip}: everything the data holds, one CSV file per kind of record (decision 0026). */
@Command(name = "all", description = "Export everything (customers, consent history, contacts, follow-ups, purchases, points, "
        + "coupons, tier history, surveys and their answers, settings) as a ZIP of CSV files with a README of their columns. "
        + "`import all` brings it back into empty data, on this computer or another.")
final class ExportAllCommand extends FeatureCommand {
    @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "The ZIP file to write (replaced if it exists).")
    Path out;

    @Override
    public Integer call() {
        return withServices(services -> {
            Messages messages = messages();
            ShopArchive.Exported done = services.get(ShopArchive.class).export(out, Progress.NONE, () -> false);
            out().println(messages.get("archive.exported", out.toAbsolutePath().toString(), done.rows(ArchiveJobs.CUSTOMERS),
                    done.rows(ArchiveJobs.PURCHASES), done.manifest().totalRows(), done.manifest().files().size(), megabytes(done.bytes())));
            if (services.get(Database.class).encrypted()) {
                out().println(messages.get("archive.unprotected"));
            }
            out().flush();
            return OK;
        });
    }

    /** The size in MB with one decimal, as the messages show it. */
    static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1_000_000.0);
    }
}
