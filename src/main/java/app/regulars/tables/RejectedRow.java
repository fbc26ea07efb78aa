package app.regulars.tables;

import app.regulars.i18n.Messages;

import java.util.List;
import java.util.stream.Collectors;

/** A row of an import that cannot be stored: its physical line in the file (header = 1) and why. */
public record RejectedRow(long line, List<RowProblem> problems) {
    public RejectedRow {
        problems = List.copyOf(problems);
    }

    public String reason(Messages messages) {
        return problems.stream().map(p -> p.text(messages)).collect(Collectors.joining("; "));
    }
}
