package app.regulars.app.cli;

import app.regulars.feature.CommandGroup;
import picocli.CommandLine.Command;

/** {@code import KIND FILE}: each feature adds the kinds of data it can import (customers, purchases, ...). */
@Command(name = "import", description = "Import data from a file.")
public final class ImportCommand extends CommandGroup {
}
