package app.regulars.tables;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;

import java.util.List;

/**
 * One thing wrong with a row: a bundle key and its arguments, and the column it is about
 * (as the file's header spells it), or null when it is about the whole row. An argument that is
 * a {@link RejectedRow.Place} is written in the user's language ("line 3", "card 3"), one that is a
 * {@link UserException} as its own sentence in that language.
 */
public record RowProblem(String column, String key, List<Object> args) {
    public RowProblem {
        args = List.copyOf(args);
    }

    public static RowProblem of(String column, String key, Object... args) {
        return new RowProblem(column, key, List.of(args));
    }

    public String text(Messages messages) {
        Object[] values = args.stream().map(a -> a instanceof RejectedRow.Place p ? p.text(messages)
                : a instanceof UserException u ? u.localizedMessage(messages) : a).toArray();
        String text = messages.get(key, values);
        return column == null ? text : messages.get("exchange.row.inColumn", column, text);
    }
}
