package app.regulars.tables;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A list as the user sees it, ready to export or print: a title, a subtitle (the period or
 * filter), columns and typed rows. Cells are {@code String}, {@code Number} (money as
 * {@code BigDecimal}), {@code LocalDate}, {@code LocalDateTime}, {@code Boolean} or null; CSV and
 * Excel keep the types, PDF and print write them for the user's locale. With
 * {@code tickBoxes} every printed row starts with an empty box to tick by hand.
 */
public record Table(String title, String subtitle, List<Column> columns, List<List<Object>> rows, boolean tickBoxes) {

    /** A column: its header, its share of the page width, and whether it is right-aligned (numbers). */
    public record Column(String header, double weight, boolean numeric) {
        public Column {
            Objects.requireNonNull(header);
            if (!(weight > 0)) {
                throw new IllegalArgumentException("weight must be positive: " + weight);
            }
        }

        public static Column text(String header, double weight) {
            return new Column(header, weight, false);
        }

        public static Column number(String header, double weight) {
            return new Column(header, weight, true);
        }
    }

    public Table {
        Objects.requireNonNull(title);
        subtitle = subtitle == null ? "" : subtitle;
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs columns");
        }
        for (List<Object> row : rows) {
            check(row, columns.size());
        }
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** A row fits {@code columns} columns of the cell types a table holds; an {@code IllegalArgumentException} otherwise. */
    static void check(List<Object> row, int columns) {
        if (row.size() != columns) {
            throw new IllegalArgumentException("row has " + row.size() + " cells for " + columns + " columns");
        }
        for (Object cell : row) {
            if (cell != null && !(cell instanceof String || cell instanceof Number || cell instanceof LocalDate
                    || cell instanceof LocalDateTime || cell instanceof Boolean)) {
                throw new IllegalArgumentException("unsupported cell type " + cell.getClass());
            }
        }
    }

    public List<String> headers() {
        return columns.stream().map(Column::header).toList();
    }

    /** Money and other decimals keep at least two places when written for people. */
    static boolean isDecimal(Object cell) {
        return cell instanceof BigDecimal || cell instanceof Double || cell instanceof Float;
    }
}
