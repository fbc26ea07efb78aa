package app.regulars.tables;

import app.regulars.i18n.Messages;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Workbooks as Regulars exports a list longer than an Excel sheet holds (the list goes on in
 * "title (2)", "title (3)", ...), with sheets of {@code sheetRows} rows instead of Excel's 1,048,572,
 * for the tests of other packages.
 */
public final class LongWorkbooks {
    private LongWorkbooks() {
    }

    /** Writes {@code rows} under {@code headers} as the export does, {@code sheetRows} rows a sheet; returns how many rows. */
    public static long write(Path file, String title, List<String> headers, List<List<Object>> rows, int sheetRows) throws IOException {
        Table head = new Table(title, "", headers.stream().map(h -> Table.Column.text(h, 1)).toList(), List.of(), false);
        try (OutputStream out = Files.newOutputStream(file)) {
            return new TableExport(new Messages(Locale.ENGLISH)).xlsx(head, each -> rows.forEach(each), out, sheetRows);
        }
    }
}
