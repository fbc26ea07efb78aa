package app.regulars.store;

import app.regulars.tables.SpreadsheetCells;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * A column's values as the cells of the export's CSV files, and back: text as it is (a text that a
 * spreadsheet would run as a formula gets an apostrophe before it: {@link SpreadsheetCells}), whole
 * numbers and amounts as digits ({@code 12.50}, never {@code 1.25E+1}), {@code true}/{@code false},
 * dates {@code 2026-11-23}, times {@code 2026-11-23 10:00:00} (with a fraction of a second only
 * when there is one), and no value as an empty cell.
 */
enum ArchiveCells {
    TEXT, BOOLEAN, INTEGER, BIGINT, DECIMAL, DATE, TIMESTAMP;

    /** How a time is written: {@code 2026-11-23 10:00:00}, a fraction of a second only when it has one. */
    static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').append(DateTimeFormatter.ISO_LOCAL_TIME).toFormatter();

    /** The cells for a column of this JDBC type ({@link Types}); null for a type the export does not know. */
    static ArchiveCells of(int jdbcType) {
        return switch (jdbcType) {
            case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.NCHAR, Types.CLOB -> TEXT;
            case Types.BOOLEAN, Types.BIT -> BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> INTEGER;
            case Types.BIGINT -> BIGINT;
            case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
            case Types.DATE -> DATE;
            case Types.TIMESTAMP -> TIMESTAMP;
            default -> null;
        };
    }

    /** The cell of column {@code i} of the current row of {@code rs}; "" for no value. */
    String read(ResultSet rs, int i) throws SQLException {
        return switch (this) {
            case TEXT -> {
                String s = rs.getString(i);
                yield s == null ? "" : SpreadsheetCells.neutralise(s);
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(i);
                yield rs.wasNull() ? "" : Boolean.toString(b);
            }
            case INTEGER, BIGINT -> {
                long n = rs.getLong(i);
                yield rs.wasNull() ? "" : Long.toString(n);
            }
            case DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(i);
                yield d == null ? "" : d.toPlainString();
            }
            case DATE -> {
                LocalDate d = rs.getObject(i, LocalDate.class);
                yield d == null ? "" : d.toString();
            }
            case TIMESTAMP -> {
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                yield t == null ? "" : TIME.format(t);
            }
        };
    }

    /**
     * Binds {@code cell} to parameter {@code i} of {@code ps}: an empty cell is no value (NULL), or an
     * empty text in a column that must have one ({@code nullable} false). Throws
     * {@link IllegalArgumentException} when the cell is not a value of this kind.
     */
    void bind(PreparedStatement ps, int i, String cell, boolean nullable, int jdbcType) throws SQLException {
        if (cell.isEmpty() && (this != TEXT || nullable)) {
            ps.setNull(i, jdbcType);
            return;
        }
        try {
            switch (this) {
                case TEXT -> ps.setString(i, SpreadsheetCells.restore(cell));
                case BOOLEAN -> {
                    if (!cell.equals("true") && !cell.equals("false")) {
                        throw new IllegalArgumentException("not true or false");
                    }
                    ps.setBoolean(i, Boolean.parseBoolean(cell));
                }
                case INTEGER -> ps.setInt(i, Integer.parseInt(cell));
                case BIGINT -> ps.setLong(i, Long.parseLong(cell));
                case DECIMAL -> ps.setBigDecimal(i, new BigDecimal(cell));
                case DATE -> ps.setObject(i, LocalDate.parse(cell));
                case TIMESTAMP -> ps.setObject(i, LocalDateTime.parse(cell, TIME));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
