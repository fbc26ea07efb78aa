package app.regulars.tables;

import java.nio.charset.Charset;
import java.util.List;

/**
 * What an import did. It is all or nothing: when {@link #rejected()} is not empty,
 * nothing was added, updated or skipped and the store is unchanged. Each row read is one of
 * added, updated, skipped (it matched a record already there, or an earlier row, and changed
 * nothing), left out (it says itself that it is not to be stored) or rejected.
 *
 * @param rowsRead       data rows in the file (the header and blank rows not counted; a vCard's cards)
 * @param imported       records added (customers: new customers)
 * @param rejected       the rows that stopped the import, in file order
 * @param ignoredColumns headers that name no known column, as the file spells them
 * @param charset        the encoding the file was read in
 * @param updated        rows that changed a record already there (or one an earlier row added)
 * @param skipped        rows that matched a record and changed nothing (purchases: already in the store)
 * @param leftOut        rows left out for what they say themselves (a purchase marked voided)
 * @param warnings       rows stored with something the user should know (a vCard phone kept in the notes), in file order
 */
public record ImportReport(int rowsRead, int imported, List<RejectedRow> rejected, List<String> ignoredColumns, Charset charset,
                           int updated, int skipped, int leftOut, List<RejectedRow> warnings) {
    public ImportReport {
        rejected = List.copyOf(rejected);
        ignoredColumns = List.copyOf(ignoredColumns);
        warnings = List.copyOf(warnings);
    }

    /** An import that only adds (purchases, survey answers), or one refused. */
    public ImportReport(int rowsRead, int imported, List<RejectedRow> rejected, List<String> ignoredColumns, Charset charset) {
        this(rowsRead, imported, rejected, ignoredColumns, charset, 0, 0, 0, List.of());
    }

    /** An import that only adds, with warnings. */
    public ImportReport(int rowsRead, int imported, List<RejectedRow> rejected, List<String> ignoredColumns, Charset charset,
                        List<RejectedRow> warnings) {
        this(rowsRead, imported, rejected, ignoredColumns, charset, 0, 0, 0, warnings);
    }

    /** An import that matches rows to records already there, without warnings. */
    public ImportReport(int rowsRead, int imported, List<RejectedRow> rejected, List<String> ignoredColumns, Charset charset,
                        int updated, int skipped) {
        this(rowsRead, imported, rejected, ignoredColumns, charset, updated, skipped, 0, List.of());
    }

    public boolean succeeded() {
        return rejected.isEmpty();
    }

    /** Records added: the same as {@link #imported()}. */
    public int added() {
        return imported;
    }
}
