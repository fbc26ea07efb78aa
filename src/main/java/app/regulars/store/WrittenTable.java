package app.regulars.store;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which table an SQL statement changes, for the writes counted by table ({@link
 * Database#writeCount(org.jooq.Table[])}): the table an INSERT, UPDATE, DELETE or MERGE names,
 * nothing for a statement that changes no table's rows (a query, a {@code CHECKPOINT}, a
 * setting), and "not known" for anything else (DDL, a statement this does not recognise), which
 * then counts as a change to every table. As jOOQ renders them on either engine (quoted names,
 * with or without the schema, upper or lower case) and as the repositories write them by hand.
 */
final class WrittenTable {
    /** The statement changes no table's rows. */
    static final String NONE = "";

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern CHANGE = Pattern.compile(
            "\\s*(?:insert\\s+into|update|delete\\s+from|delete|merge\\s+into)\\s+(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LAST_NAME = Pattern.compile(NAME + "\\s*$");
    private static final Pattern NO_CHANGE = Pattern.compile("\\s*(?:values|table|explain|show|checkpoint|set)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SELECT = Pattern.compile("[\\s(]*select\\b", Pattern.CASE_INSENSITIVE);
    /** H2's data change delta table, as jOOQ renders an INSERT ... RETURNING there: {@code select "ID" from final table (insert into ...)}. */
    private static final Pattern DELTA_TABLE = Pattern.compile("\\b(?:final|new|old)\\s+table\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern WITH = Pattern.compile("\\s*with\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE_WORD = Pattern.compile("\\b(?:insert|update|delete|merge)\\b", Pattern.CASE_INSENSITIVE);

    private WrittenTable() {
    }

    /**
     * The table {@code sql} changes, its name in upper case without quotes or schema; {@link
     * #NONE} when it changes no table's rows; null when that cannot be told.
     */
    static String of(String sql) {
        if (SELECT.matcher(sql).lookingAt()) {
            Matcher delta = DELTA_TABLE.matcher(sql);
            if (!delta.find()) {
                return NONE; // a query, FOR UPDATE or not
            }
            Matcher change = CHANGE.matcher(sql).region(delta.end(), sql.length());
            return change.lookingAt() ? name(change.group(1)) : null;
        }
        Matcher change = CHANGE.matcher(sql);
        if (change.lookingAt()) {
            return name(change.group(1));
        }
        if (NO_CHANGE.matcher(sql).lookingAt()) {
            return NONE;
        }
        if (WITH.matcher(sql).lookingAt() && !CHANGE_WORD.matcher(sql).find()) {
            return NONE; // a query with common table expressions
        }
        return null;
    }

    /** The table's name in upper case from its qualified name as written, null when there is none. */
    private static String name(String qualified) {
        Matcher last = LAST_NAME.matcher(qualified);
        if (!last.find()) {
            return null;
        }
        String name = last.group().strip();
        if (name.startsWith("\"")) {
            name = name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toUpperCase(Locale.ROOT);
    }
}
