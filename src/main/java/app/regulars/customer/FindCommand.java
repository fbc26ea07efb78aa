package app.regulars.app.cli;

import app.regulars.customer.CustomerService;
import app.regulars.customer.CustomerSort;
import app.regulars.customer.CustomerSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code find QUERY}: the customers the search box would show, one a line. */
@Command(name = "find", description = "Print the customers matching a search (name, pinyin, initials, phone digits, email, tag).")
public final class FindCommand implements Callable<Integer> {
    @ParentCommand
    RegularsCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What you would type in the search box.")
    String[] query;

    @Option(names = "--archived", description = "Search the archived customers instead.")
    boolean archived;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return root.withContext(spec.commandLine().getErr(), ctx -> {
            CustomerService customers = ctx.customers();
            long[] ids = customers.search(String.join(" ", query), null, archived, CustomerSort.NAME, true);
            for (int from = 0; from < ids.length; from += 500) {
                long[] page = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + 500));
                for (CustomerSummary s : customers.summaries(page)) {
                    out.println(String.join("\t", s.code(), s.name(),
                            customers.phones().format(s.primaryPhone()),
                            s.email() == null ? "" : s.email(),
                            String.join(",", s.tags())));
                }
            }
            out.flush();
            spec.commandLine().getErr().println(root.messages().get("cli.find.count", ids.length));
            return RegularsCommand.OK;
        });
    }
}
