package app.regulars.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which field each column of a file goes to, by the column's place (0 = the first): a field's key
 * as its importer names it, or null when the column is ignored. An importer given none maps the
 * columns from the header's names (English and Chinese), as the command line does; the window's
 * mapping screen starts from that automatic mapping and lets the user change it.
 */
public record ColumnMapping(List<String> fields) {
    public ColumnMapping {
        fields = Collections.unmodifiableList(new ArrayList<>(fields));
    }

    /** The field column {@code column} goes to, or null when it is ignored (a column past the mapping's end is). */
    public String field(int column) {
        return column >= 0 && column < fields.size() ? fields.get(column) : null;
    }

    /** The same mapping with {@code column} going to {@code field} (null: ignored). */
    public ColumnMapping with(int column, String field) {
        List<String> changed = new ArrayList<>(fields);
        while (changed.size() <= column) {
            changed.add(null);
        }
        changed.set(column, field);
        return new ColumnMapping(changed);
    }
}
