package app.regulars.tables;

import app.regulars.i18n.Messages;

import java.util.List;

/**
 * One thing wrong with a row: a bundle key and its arguments, and the column it is about
 * (as the file's header spells it), or null when it is about the whole row.
 */
public record RowProblem(String column, String key, List<Object> args) {
    public RowProblem {
        args = List.copyOf(args);
    }

    public static RowProblem of(String column, String key, Object... args) {
        return new RowProblem(column, key, List.of(args));
    }

    public String text(Messages messages) {
        String text = messages.get(key, args.toArray());
        return column == null ? text : messages.get("exchange.row.inColumn", column, text);
    }
}
