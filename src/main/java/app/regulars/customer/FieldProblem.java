package app.regulars.customer;

import app.regulars.i18n.Messages;

import java.util.List;

/** What is wrong with one field: a bundle key and its arguments. */
public record FieldProblem(String key, List<Object> args) {
    public FieldProblem {
        args = List.copyOf(args);
    }

    public static FieldProblem of(String key, Object... args) {
        return new FieldProblem(key, List.of(args));
    }

    public String text(Messages messages) {
        return messages.get(key, args.toArray());
    }
}
