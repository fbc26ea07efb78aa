package app.regulars.tables;

/**
 * Text cells of the CSV files Regulars writes, kept from running as formulas when a spreadsheet
 * opens them (CSV or formula injection, OWASP): a text that begins with {@code = + - @}, a tab
 * or a carriage return gets a leading apostrophe, which Excel, WPS and LibreOffice take as
 * "this is text" and do not show. A text that begins with an apostrophe gets one too, so that
 * {@link #restore} (every CSV import) can take exactly one away and give back the text as it was:
 * {@code +8613812345678} is written {@code '+8613812345678} and imported as {@code +8613812345678},
 * {@code 'quoted} is written {@code ''quoted} (decision 0020). Excel files need none of this:
 * their cells are typed, and text cells are never formulas.
 */
public final class SpreadsheetCells {
    private static final String TRIGGERS = "=+-@\t\r";

    private SpreadsheetCells() {
    }

    /** The text as a CSV cell a spreadsheet shows as text. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return TRIGGERS.indexOf(first) >= 0 || first == '\'' ? "'" + text : text;
    }

    /** The text a cell written by {@link #neutralise} held; other cells unchanged (a lone leading apostrophe stays). */
    public static String restore(String cell) {
        if (cell == null || cell.length() < 2 || cell.charAt(0) != '\'') {
            return cell;
        }
        char second = cell.charAt(1);
        return TRIGGERS.indexOf(second) >= 0 || second == '\'' ? cell.substring(1) : cell;
    }
}
