package app.regulars.tables;

import app.regulars.i18n.Messages;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A row of an import that cannot be stored (or that was stored with a warning): where it is in
 * the file and why. {@code line} counts in the file's {@link Unit}: the physical line of a CSV
 * file (header = 1), the row number Excel shows, or the card's number in a vCard file (the first
 * card = 1). {@code sheet} names the Excel sheet of a row in a sheet that goes on with the first one's
 * list (a list longer than a sheet holds), else null.
 */
public record RejectedRow(long line, List<RowProblem> problems, Unit unit, String sheet) {
    /** What {@link #line} counts. */
    public enum Unit {
        LINE("exchange.place.line"), ROW("exchange.place.row"), CARD("exchange.place.card");

        private final String key;

        Unit(String key) {
            this.key = key;
        }

        /** "line 5", "row 5", "card 5" in the user's language. */
        public String text(Messages messages, long number) {
            return messages.get(key, number);
        }
    }

    /** A place in a file, as an argument of a {@link RowProblem}: written in the user's language. */
    public record Place(Unit unit, long number, String sheet) {
        public Place(Unit unit, long number) {
            this(unit, number, null);
        }

        /** "row 5", or "row 5 of sheet “Purchases (2)”" in a sheet that goes on with the first one's list. */
        public String text(Messages messages) {
            return sheet == null ? unit.text(messages, number) : messages.get("exchange.place.sheetRow", sheet, number);
        }
    }

    /**
     * In the file's order: the first sheet's rows (or a CSV file's lines, a vCard file's cards),
     * then those of each sheet that goes on with its list, by that sheet's number ("Purchases (2)":
     * {@link RowFile#continuations}).
     */
    public static final java.util.Comparator<RejectedRow> IN_FILE_ORDER = java.util.Comparator
            .comparingInt((RejectedRow r) -> sheetNumber(r.sheet())).thenComparingLong(RejectedRow::line);

    private static final java.util.regex.Pattern NUMBERED = java.util.regex.Pattern.compile(" \\((\\d{1,6})\\)$");

    /** 1 for the first sheet (no name), else the number at the end of a further sheet's name. */
    static int sheetNumber(String sheet) {
        if (sheet == null) {
            return 1;
        }
        java.util.regex.Matcher m = NUMBERED.matcher(sheet);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    public RejectedRow {
        problems = List.copyOf(problems);
        unit = unit == null ? Unit.LINE : unit;
    }

    public RejectedRow(long line, List<RowProblem> problems, Unit unit) {
        this(line, problems, unit, null);
    }

    /** A row of a CSV file, by its line. */
    public RejectedRow(long line, List<RowProblem> problems) {
        this(line, problems, Unit.LINE);
    }

    public Place place() {
        return new Place(unit, line, sheet);
    }

    public String reason(Messages messages) {
        return problems.stream().map(p -> p.text(messages)).collect(Collectors.joining("; "));
    }
}
