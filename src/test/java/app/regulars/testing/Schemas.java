package app.regulars.testing;

import app.regulars.store.Database;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * A store's schema as lines to compare with another's: H2's own definition of every table, index,
 * constraint and sequence ({@code SCRIPT NODATA}, without the counters an identity or a sequence
 * has reached and without the row-count comments), every index with its columns as
 * {@code INFORMATION_SCHEMA} lists it (the indexes H2 made for foreign keys by their constraint:
 * H2 names them after the table as it was named when the key was added, see {@code IndexRebuild}),
 * every constraint with the index it uses, and Flyway's history of migrations. Two stores the migrations made alike give the
 * same lines, whatever rows they hold.
 */
public final class Schemas {
    private Schemas() {
    }

    public static List<String> of(Database db) {
        DSLContext dsl = db.dsl();
        List<String> out = new ArrayList<>();
        for (Record r : dsl.fetch("SCRIPT NODATA NOPASSWORDS NOSETTINGS")) {
            String line = r.get(0, String.class).strip();
            if (line.startsWith("--")) {
                continue; // "-- 20000 +/- SELECT COUNT(*) FROM ..."
            }
            // the counters an identity or a sequence has reached, and H2's statistics of a column's values, are not the schema
            out.add(line.replaceAll(" RESTART WITH \\d+", "").replaceAll(" SELECTIVITY \\d+", ""));
        }
        out.sort(null);
        // The index H2 made for a foreign key goes by its constraint: H2 names it from the table's name as it was
        // when the key was added (IndexRebuild says why that name may differ after a load); every other by its name.
        String indexName = "CASE WHEN i.IS_GENERATED AND k.CONSTRAINT_TYPE = 'FOREIGN KEY' THEN 'the index of ' || k.CONSTRAINT_NAME"
                + " ELSE i.INDEX_NAME END";
        for (Record r : dsl.fetch("SELECT i.TABLE_NAME, " + indexName + ", i.INDEX_TYPE_NAME, i.IS_GENERATED,"
                + " (SELECT LISTAGG(c.COLUMN_NAME || ' ' || c.ORDERING_SPECIFICATION || ' ' || c.NULL_ORDERING, ', ')"
                + " WITHIN GROUP (ORDER BY c.ORDINAL_POSITION) FROM INFORMATION_SCHEMA.INDEX_COLUMNS c"
                + " WHERE c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME)"
                + " FROM INFORMATION_SCHEMA.INDEXES i LEFT JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS k"
                + " ON k.INDEX_SCHEMA = i.INDEX_SCHEMA AND k.INDEX_NAME = i.INDEX_NAME AND k.CONSTRAINT_TYPE = 'FOREIGN KEY'"
                + " WHERE i.TABLE_SCHEMA = 'PUBLIC' ORDER BY 1, 2")) {
            out.add("index " + r.get(0) + " " + r.get(1) + " " + r.get(2) + (Boolean.TRUE.equals(r.get(3, Boolean.class)) ? " (made by H2)" : "")
                    + " (" + r.get(4) + ")");
        }
        for (Record r : dsl.fetch("SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.CONSTRAINT_TYPE,"
                + " CASE WHEN k.CONSTRAINT_TYPE = 'FOREIGN KEY' AND i.IS_GENERATED THEN 'its own index' ELSE k.INDEX_NAME END"
                + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS k LEFT JOIN INFORMATION_SCHEMA.INDEXES i"
                + " ON i.INDEX_SCHEMA = k.INDEX_SCHEMA AND i.INDEX_NAME = k.INDEX_NAME"
                + " WHERE k.TABLE_SCHEMA = 'PUBLIC' ORDER BY 1, 2")) {
            out.add("constraint " + r.get(0) + " " + r.get(1) + " " + r.get(2) + " on " + r.get(3));
        }
        for (Record r : dsl.fetch("SELECT \"version\", \"description\", \"script\", \"checksum\", \"success\" FROM \"flyway_schema_history\""
                + " ORDER BY \"installed_rank\"")) {
            out.add("migration " + r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4));
        }
        return out;
    }

    /** The names of the indexes of {@code table} (upper case), constraint indexes included. */
    public static List<String> indexes(Database db, String table) {
        return db.dsl().fetch("SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?"
                + " ORDER BY INDEX_NAME", table).getValues(0, String.class);
    }
}
