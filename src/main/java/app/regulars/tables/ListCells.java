package app.regulars.tables;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A list in one cell (a customer's tags, their phones), both ways. Items are joined with
 * {@code ;}; an item that holds a separator ({@code ; , ， ； 、 | /}) or a double quote is
 * written between double quotes, a quote inside it doubled, as CSV quotes a field:
 * {@code VIP;"Smith, Jones";"5"" pot"}. Reading splits on the separators given, but not inside
 * quotes; a cell with no quotes splits as it always did, so files made by hand read the same
 * (decision 0023).
 */
public final class ListCells {
    /** Every character that splits a list somewhere in Regulars: an item holding one is quoted. */
    private static final String ANY_SEPARATOR = ";,，；、|/";

    private ListCells() {
    }

    /** The items in one cell, each quoted when it must be. */
    public static String join(Collection<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String item : items) {
            if (item == null || item.isBlank()) {
                continue;
            }
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(quoted(item));
        }
        return sb.toString();
    }

    static String quoted(String item) {
        boolean quote = item.indexOf('"') >= 0;
        for (int i = 0; i < item.length() && !quote; i++) {
            quote = ANY_SEPARATOR.indexOf(item.charAt(i)) >= 0;
        }
        return quote ? '"' + item.replace("\"", "\"\"") + '"' : item;
    }

    /**
     * The items of a cell: split on any character of {@code separators} outside double quotes,
     * each item stripped, blank ones dropped; an item that starts with a quote runs to its closing
     * quote ({@code ""} inside is one quote). Null or blank: no items.
     */
    public static List<String> split(String cell, String separators) {
        List<String> out = new ArrayList<>();
        if (cell == null || cell.isBlank()) {
            return out;
        }
        StringBuilder item = new StringBuilder();
        int i = 0;
        int n = cell.length();
        while (i <= n) {
            // the start of an item: white space, then perhaps an opening quote
            while (i < n && Character.isWhitespace(cell.charAt(i)) && separators.indexOf(cell.charAt(i)) < 0) {
                i++;
            }
            if (i < n && cell.charAt(i) == '"') {
                i++;
                while (i < n) {
                    char c = cell.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && cell.charAt(i + 1) == '"') {
                            item.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    item.append(c);
                    i++;
                }
            }
            while (i < n && separators.indexOf(cell.charAt(i)) < 0) {
                item.append(cell.charAt(i));
                i++;
            }
            String s = item.toString().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
            item.setLength(0);
            i++; // past the separator (or the end)
        }
        return out;
    }
}
