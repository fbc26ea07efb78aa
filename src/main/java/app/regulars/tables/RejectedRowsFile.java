package app.regulars.tables;

import app.regulars.i18n.Messages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows an import rejected, saved as a CSV file the user can correct and import again: the
 * file's own header and each rejected row's cells as they were read, then a reason column in
 * the user's language (every problem of the row). Written like every CSV the app writes
 * ({@link TableExport}: UTF-8 with a BOM, cells a spreadsheet would run defused, the file whole
 * or not at all). A place where reading stopped (broken quoting) has no cells, only its reason.
 */
public final class RejectedRowsFile {
    private RejectedRowsFile() {
    }

    /** Reads {@code source} again for the rows {@code report} rejected and writes them to {@code out}; returns how many. */
    public static int write(RowFile source, ImportReport report, Messages messages, Path out) {
        Map<RejectedRow.Place, RejectedRow> byLine = new HashMap<>();
        report.rejected().forEach(r -> byLine.putIfAbsent(r.place(), r));
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        int width;
        try (RowReader in = source.rows()) {
            header = in.header();
            width = header.size();
            for (RowReader.Row row = in.next(); row != null && !byLine.isEmpty(); row = in.next()) {
                RejectedRow rejected = byLine.remove(row.place());
                if (rejected != null) {
                    rows.add(row.cells());
                    reasons.add(rejected.reason(messages));
                    width = Math.max(width, row.cells().size());
                }
            }
        }
        for (RejectedRow unread : byLine.values()) { // where the file could not be read further
            rows.add(List.of());
            reasons.add(messages.get("import.place", unread.place().text(messages), unread.reason(messages)));
        }
        List<Table.Column> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            String h = i < header.size() && header.get(i) != null ? header.get(i) : "";
            columns.add(Table.Column.text(h, 1));
        }
        columns.add(Table.Column.text(messages.get("import.reason"), 2));
        List<List<Object>> cells = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<Object> line = new ArrayList<>(rows.get(r));
            while (line.size() < width) {
                line.add("");
            }
            line.add(reasons.get(r));
            cells.add(line);
        }
        new TableExport(messages).write(new Table(source.fileName(), "", columns, cells, false), TableExport.Format.CSV, out);
        return rows.size();
    }
}
