package app.regulars.store;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One file of the shop's export ({@link ShopArchive}): a table's rows as {@code FILE.csv}, every
 * column, in the order of its primary key. A feature's repository declares its tables so, and the
 * feature adds them to the {@link ShopArchive} when it opens.
 *
 * @param file   the file's name without {@code .csv} ({@code purchases}); its columns are described
 *               in the README by the bundle keys {@code archive.file.FILE} and
 *               {@code archive.column.FILE.COLUMN} (else {@code archive.column.COLUMN})
 * @param table  the table
 * @param where  the rows exported (a table's transient rows are left out: the pending flag of a bulk load)
 * @param setup  whether the table holds the shop's setup rather than its records (tiers, settings,
 *               survey questions): a store whose tables of records are empty is empty, whatever its setup
 * @param values the columns that hold one of a few words, with those words (listed in the README)
 */
public record ArchiveTable(String file, Table<?> table, Condition where, boolean setup, Map<String, List<String>> values) {
    public ArchiveTable {
        if (!file.matches("[a-z_]+")) {
            throw new IllegalArgumentException("A file name of lower-case words: " + file);
        }
        if (table.getPrimaryKey() == null) {
            throw new IllegalArgumentException(table.getName() + " has no primary key to order its rows by");
        }
        values = Map.copyOf(values);
    }

    /** A table of records (customers, purchases, ...): rows in it make a store not empty. */
    public static ArchiveTable of(String file, Table<?> table) {
        return new ArchiveTable(file, table, DSL.noCondition(), false, Map.of());
    }

    /** A table of the shop's setup (tiers, settings, the questions of its surveys): replaced by an import. */
    public static ArchiveTable setup(String file, Table<?> table) {
        return new ArchiveTable(file, table, DSL.noCondition(), true, Map.of());
    }

    /** Only the rows where {@code condition} holds. */
    public ArchiveTable where(Condition condition) {
        return new ArchiveTable(file, table, condition, setup, values);
    }

    /** {@code column} holds the name of one of {@code words}' constants (listed in the README). */
    public ArchiveTable values(Field<String> column, Class<? extends Enum<?>> words) {
        Map<String, List<String>> all = new LinkedHashMap<>(values);
        all.put(column(column), java.util.Arrays.stream(words.getEnumConstants()).map(Enum::name).toList());
        return new ArchiveTable(file, table, where, setup, all);
    }

    /** The file's name in the ZIP. */
    public String fileName() {
        return file + ".csv";
    }

    /** The table's name as the files and the manifest write it (lower case). */
    public String tableName() {
        return table.getName().toLowerCase(Locale.ROOT);
    }

    /** Its columns as the files write them (lower case), in the table's order. */
    public List<String> columns() {
        return java.util.Arrays.stream(table.fields()).map(ArchiveTable::column).toList();
    }

    static String column(Field<?> field) {
        return field.getName().toLowerCase(Locale.ROOT);
    }
}
