package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;

import java.util.Map;
import java.util.stream.Collectors;

/** A profile that cannot be saved, with a problem per field. */
public final class InvalidCustomerException extends UserException {
    private final transient Map<CustomerField, FieldProblem> problems;

    public InvalidCustomerException(Map<CustomerField, FieldProblem> problems) {
        super("customer.error.invalid");
        this.problems = Map.copyOf(problems);
    }

    public Map<CustomerField, FieldProblem> problems() {
        return problems;
    }

    @Override
    public String localizedMessage(Messages messages) {
        return problems.values().stream().map(p -> p.text(messages)).collect(Collectors.joining("; "));
    }
}
