package app.regulars.customer;

import app.regulars.feature.FeatureCommand;
import app.regulars.feature.Services;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code find QUERY}: the customers the search box would show, one a line. */
@Command(name = "find", description = "Print the customers matching a search (name, pinyin, initials, phone digits, email, tag).")
public final class FindCommand extends FeatureCommand {
    @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What you would type in the search box.")
    String[] query;

    @Option(names = "--archived", description = "Search the archived customers instead.")
    boolean archived;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        return withServices(services -> {
            CustomerService customers = services.get(CustomerService.class);
            long[] ids = customers.searchOnce(String.join(" ", query), archived); // this process ends: no index built
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
            spec.commandLine().getErr().println(messages().get("cli.find.count", ids.length));
            return OK;
        });
    }
}
