package app.regulars.tables;

import java.nio.charset.Charset;
import java.util.List;

/**
 * What an import did. It is all or nothing: when {@link #rejected()} is not empty,
 * {@link #imported()} is 0 and the store is unchanged.
 *
 * @param rowsRead       data rows in the file (the header and blank rows not counted; a vCard's cards)
 * @param imported       customers stored
 * @param rejected       the rows that stopped the import, in file order
 * @param ignoredColumns headers that name no known column, as the file spells them
 * @param charset        the encoding the file was read in
 * @param warnings       rows stored with something the user should know (a vCard phone kept in the notes), in file order
 */
public record ImportReport(int rowsRead, int imported, List<RejectedRow> rejected, List<String> ignoredColumns, Charset charset,
                           List<RejectedRow> warnings) {
    public ImportReport {
        rejected = List.copyOf(rejected);
        ignoredColumns = List.copyOf(ignoredColumns);
        warnings = List.copyOf(warnings);
    }

    public ImportReport(int rowsRead, int imported, List<RejectedRow> rejected, List<String> ignoredColumns, Charset charset) {
        this(rowsRead, imported, rejected, ignoredColumns, charset, List.of());
    }

    public boolean succeeded() {
        return rejected.isEmpty();
    }
}
