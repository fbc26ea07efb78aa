package app.regulars.tables;

import java.util.List;

/**
 * One pass over the rows of a table file, whatever its format ({@link RowFile}): a header, then
 * data rows one at a time, each with its place in the file, blank rows skipped. Every importer
 * reads through it, so its checks, its all-or-nothing store and its report are the same for a
 * CSV file, an Excel sheet and a vCard file.
 */
public interface RowReader extends AutoCloseable {
    /**
     * A data row as read: where it is (a CSV line, an Excel row, a vCard's card number; the Excel
     * sheet's name in a sheet that goes on with the first one's list, else null) and its cells as text.
     */
    record Row(long line, List<String> cells, RejectedRow.Unit unit, String sheet) {
        public Row {
            cells = java.util.Collections.unmodifiableList(cells);
        }

        public Row(long line, List<String> cells, RejectedRow.Unit unit) {
            this(line, cells, unit, null);
        }

        public Row(long line, List<String> cells) {
            this(line, cells, RejectedRow.Unit.LINE);
        }

        /** This row, refused for these problems. */
        public RejectedRow rejected(List<RowProblem> problems) {
            return new RejectedRow(line, problems, unit, sheet);
        }

        public RejectedRow.Place place() {
            return new RejectedRow.Place(unit, line, sheet);
        }
    }

    List<String> header();

    /** The next data row, or null at the end of what can be read. */
    Row next();

    /** The place where reading stopped because the file cannot be read further (broken quoting), or null when it was read to its end. */
    RejectedRow unreadable();

    @Override
    void close();
}
