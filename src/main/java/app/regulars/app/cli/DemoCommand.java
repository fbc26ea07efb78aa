package app.regulars.app.cli;

import app.regulars.customer.CustomerService;
import app.regulars.app.demo.SampleShop;
import app.regulars.app.demo.SampleStory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code demo --customers N}: fills an empty data folder with a made-up shop's customers, to
 * try the program or show it. Refuses a folder that has customers, so it never mixes
 * invented people into a real customer book.
 */
@Command(name = "demo", description = "Fill an empty data folder with sample customers, to try Regulars out.")
public final class DemoCommand implements Callable<Integer> {
    static final int MAX_CUSTOMERS = 1_000_000;
    /** A progress line at most every this many customers, and at most ten in all. */
    private static final int PROGRESS_STEP = 1000;

    @ParentCommand
    RegularsCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "500",
            description = "How many customers to make (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "20240101",
            description = "The same seed makes the same customers (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--without-purchases",
            description = "Customers only: no purchase history, points or tiers (faster at large sizes).")
    boolean withoutPurchases;

    @Override
    public Integer call() {
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new ParameterException(spec.commandLine(), root.messages().get("cli.demo.badCount", MAX_CUSTOMERS));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return root.withContext(err, ctx -> {
            CustomerService service = ctx.customers();
            if (!service.isEmpty()) {
                err.println(root.messages().get("cli.demo.notEmpty", ctx.database().where(), service.countAll()));
                return RegularsCommand.FAILED;
            }
            long start = System.nanoTime();
            out.println(root.messages().get("cli.demo.generating", customers));
            out.flush();
            int step = Math.max(PROGRESS_STEP, customers / 10);
            int[] lastShown = {0};
            SampleShop shop = new SampleShop(seed, service.today());
            java.util.function.IntConsumer progress = n -> {
                if (n - lastShown[0] >= step || n == customers) {
                    lastShown[0] = n;
                    out.println(root.messages().get("cli.demo.progress", n, customers));
                    out.flush();
                }
            };
            int saved;
            if (withoutPurchases) {
                saved = shop.fill(service, customers, progress, () -> false);
            } else {
                // customers and their history: one all-or-nothing unit (a kill in between leaves nothing)
                saved = shop.fillShop(ctx, customers, progress, () -> false, filled -> {
                    out.println(root.messages().get("cli.demo.purchases"));
                    out.flush();
                    int bought = shop.fillPurchases(ctx.membership(), (n, all) -> {
                        out.println(root.messages().get("cli.demo.purchaseProgress", n, all));
                        out.flush();
                    }, () -> false);
                    out.println(root.messages().get("cli.demo.purchasesDone", bought));
                    out.println(root.messages().get("cli.demo.story"));
                    out.flush();
                    SampleStory.Told told = shop.fillStory(ctx, (n, all) -> { }, () -> false);
                    out.println(root.messages().get("cli.demo.storyDone", told.contacts(), told.followUpsDone() + told.followUpsLate(),
                            told.followUpsLate(), told.responses(), told.complaints()));
                    out.flush();
                    return filled;
                });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            out.println(root.messages().get("cli.demo.done", saved, seconds, ctx.database().where()));
            out.flush();
            return RegularsCommand.OK;
        });
    }
}
