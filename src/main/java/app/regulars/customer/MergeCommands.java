package app.regulars.customer;

import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.Messages;
import app.regulars.tables.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code duplicates [--out FILE.csv]} and {@code merge KEEP_CODE OTHER_CODE... --yes}: duplicate customers (decision 0025). */
public final class MergeCommands {
    private MergeCommands() {
    }

    @Command(name = "duplicates", description = "List the customers who may be one person, the likeliest first (score, reasons, "
            + "both customers), or write them to a CSV file.")
    static final class Duplicates extends FeatureCommand {
        @Option(names = {"--out", "-o"}, paramLabel = "FILE.csv", description = "Write the pairs to this CSV file (replaced if it exists) "
                + "with the header score,reasons,code_1,name_1,phones_1,code_2,name_2,phones_2.")
        Path out;

        @Override
        public Integer call() {
            Messages messages = messages();
            return withServices(services -> {
                DuplicateFinder.Result result = services.get(MergeService.class).findDuplicates(Progress.NONE, () -> false);
                PrintWriter stdout = out();
                if (out != null) {
                    int n = DuplicatesCsv.write(result.pairs(), messages, out);
                    stdout.println(messages.get("cli.duplicates.written", n, out.toAbsolutePath().toString()));
                } else {
                    CustomerService customers = services.get(CustomerService.class);
                    for (DuplicatePair p : result.pairs()) {
                        stdout.println(String.join("\t", Integer.toString(p.score()), DuplicatesCsv.reasons(p, messages),
                                p.a().code(), p.a().name(), phones(p.a(), customers),
                                p.b().code(), p.b().name(), phones(p.b(), customers)));
                    }
                }
                stdout.flush();
                err().println(messages.get("cli.duplicates.count", result.pairs().size(), result.customers()));
                if (result.leftOut() > 0) {
                    err().println(messages.get("duplicates.leftOut", result.leftOut()));
                }
                err().flush();
                return OK;
            });
        }

        private static String phones(DuplicatePair.Side side, CustomerService customers) {
            return String.join(", ", side.phones().stream().map(customers.phones()::format).toList());
        }
    }

    @Command(name = "merge", description = "Merge customers into the one kept: everything of the others moves to them. Without "
            + "--yes, says what would happen and changes nothing.")
    static final class Merge extends FeatureCommand {
        @Parameters(index = "0", paramLabel = "KEEP_CODE", description = "The card number of the customer to keep.")
        String keep;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "OTHER_CODE", description = "The card numbers of the customers to merge into them.")
        List<String> others;

        @Option(names = "--yes", description = "Merge: without it, nothing happens (a merge cannot be undone).")
        boolean yes;

        @Override
        public Integer call() {
            Messages messages = messages();
            return withServices(services -> {
                MergeService merges = services.get(MergeService.class);
                MergePlan plan = merges.plan(keep, others);
                String kept = name(plan.kept(), messages);
                String otherNames = String.join(messages.get("common.listSeparator"),
                        plan.others().stream().map(c -> name(c, messages)).toList());
                if (!yes) {
                    PrintWriter err = err();
                    err.println(messages.get("cli.merge.would", otherNames, kept));
                    err.println(moves(plan.moving(), kept, messages, "merge.moves"));
                    taken(plan, messages, err);
                    err.println(messages.get("merge.removed", otherNames, plan.others().size(), kept));
                    err.println(messages.get("cli.merge.noYes"));
                    err.flush();
                    return FAILED;
                }
                MergeService.Merged merged = merges.merge(plan, MergeRecord.Source.COMMAND_LINE, messages);
                PrintWriter stdout = out();
                stdout.println(messages.get("merge.done", String.join(messages.get("common.listSeparator"), merged.mergedCodes()),
                        name(merged.kept(), messages)));
                stdout.println(moves(merged.moved(), name(merged.kept(), messages), messages, "cli.merge.moved"));
                taken(plan, messages, stdout);
                stdout.flush();
                return OK;
            });
        }

        private static String name(Customer c, Messages messages) {
            return messages.get("merge.customer", c.name(), c.code());
        }

        private static String moves(Map<String, Integer> counts, String kept, Messages messages, String key) {
            return counts.isEmpty() ? messages.get("merge.nothingMoves") : messages.get(key, kept, MergePlan.countsText(counts, messages));
        }

        /** Which fields come from the others, if any. */
        private static void taken(MergePlan plan, Messages messages, PrintWriter to) {
            if (!plan.takenFromOthers().isEmpty()) {
                to.println(messages.get("cli.merge.fields", String.join(messages.get("common.listSeparator"),
                        plan.takenFromOthers().stream().map(f -> messages.get(f.labelKey())).toList())));
            }
        }
    }
}
