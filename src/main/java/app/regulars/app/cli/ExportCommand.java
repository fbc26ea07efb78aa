package app.regulars.app.cli;

import app.regulars.feature.CommandGroup;
import picocli.CommandLine.Command;

/** {@code export KIND --out FILE}: each feature adds the kinds of data it can export. */
@Command(name = "export", description = "Export data to a file.")
public final class ExportCommand extends CommandGroup {
}
