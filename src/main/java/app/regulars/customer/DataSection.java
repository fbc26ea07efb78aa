package app.regulars.customer;

import app.regulars.tables.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One part of what the shop holds about a customer, for a privacy request's export: its key in
 * the JSON file ({@code purchases}), its title on paper, its fields, and its rows of values. A
 * {@code single} section is one record (the profile) and becomes an object in the JSON file and a
 * list of "field: value" lines on paper; the others become an array of objects and a table.
 *
 * <p>Values are what the JSON file holds: {@code String}, {@code Number}, {@code Boolean},
 * {@code LocalDate}, {@code LocalDateTime}, a {@code List} of those, or null; a {@link Shown}
 * holds such a value with the words people read on paper ({@code "SMS"} and 短信).
 */
public record DataSection(String key, String title, List<Field> fields, List<List<Object>> rows, boolean single) {
    /** A field: its key in the JSON file, its label on paper, its share of the page's width. */
    public record Field(String key, String label, double weight) {
        public Field {
            Objects.requireNonNull(key);
            Objects.requireNonNull(label);
        }

        public static Field of(String key, String label) {
            return new Field(key, label, 1);
        }
    }

    /** A value for the JSON file ({@code value}) that reads as {@code text} on paper. */
    public record Shown(Object value, String text) {
    }

    public DataSection {
        fields = List.copyOf(fields);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != fields.size()) {
                throw new IllegalArgumentException(key + ": a row of " + row.size() + " values for " + fields.size() + " fields");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
        if (single && rows.size() != 1) {
            throw new IllegalArgumentException(key + ": a single record needs one row");
        }
    }

    /** A list of records (the purchases). */
    public static DataSection list(String key, String title, List<Field> fields, List<List<Object>> rows) {
        return new DataSection(key, title, fields, rows, false);
    }

    /** One record (the profile). */
    public static DataSection single(String key, String title, List<Field> fields, List<Object> values) {
        return new DataSection(key, title, fields, List.of(values), true);
    }

    /**
     * The section as a table to print: a single record as two columns (field, value), the rest as
     * one column per field; lists joined with commas, {@link Shown} values as their words.
     */
    public Table table(String fieldHeader, String valueHeader) {
        if (single) {
            List<List<Object>> lines = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                Object v = printable(rows.getFirst().get(i));
                if (v != null && !"".equals(v)) {
                    lines.add(java.util.Arrays.asList(fields.get(i).label(), v));
                }
            }
            return new Table(title, "", List.of(Table.Column.text(fieldHeader, 1), Table.Column.text(valueHeader, 3)), lines, false);
        }
        List<Table.Column> columns = fields.stream().map(f -> Table.Column.text(f.label(), f.weight())).toList();
        List<List<Object>> lines = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> line = new ArrayList<>(row.size());
            for (Object v : row) {
                line.add(printable(v));
            }
            lines.add(line);
        }
        return new Table(title, "", columns, lines, false);
    }

    private static Object printable(Object v) {
        return switch (v) {
            case null -> null;
            case Shown s -> s.text();
            case List<?> l -> String.join(", ", l.stream().map(x -> String.valueOf(printable(x))).toList());
            default -> v;
        };
    }
}
