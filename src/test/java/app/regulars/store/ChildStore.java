package app.regulars.store;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.app.demo.SampleShop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The other process of the store tests, started as a child JVM. {@code save DIR} saves
 * customers one by one forever, printing {@code saved CODE} after each save returns;
 * {@code hold DIR} opens the folder, prints {@code open} and keeps it open until its input closes;
 * {@code closeWithBackup DIR N} opens it with the window's automatic backups, fills it with N
 * sample customers, prints {@code open}, and when its input closes closes as the window does (a
 * backup at close, since it changed something);
 * {@code bulk DIR N} fills the empty store with N sample customers as the {@code demo} command
 * does, printing {@code progress K} as the load goes and {@code done K} at the end;
 * {@code purchases DIR N} fills it with N sample customers, prints {@code customers N}, then
 * imports their purchases as the demo does, printing {@code purchases K} as each slice of
 * customers' purchases is committed;
 * {@code grow DIR N} fills it with N sample customers, saves changes to them in many small
 * transactions, prints {@code grown} and waits until its input closes (for the parent to kill
 * it: a clean close would let H2 shrink the file a little);
 * {@code bulk DIR N STEP K} and {@code purchases DIR N STEP K} do the same, printing {@code index STEP K}
 * at each step of the load's index rebuild ({@code Database.onIndexRebuild}; for {@code purchases}, of
 * the purchases' load only) and stopping for good at the given one, for the parent to kill it there;
 * {@code record DIR N} fills it with N sample customers and records purchases at the counter one
 * by one forever (each its purchase, ledger lot and running totals in one transaction), printing
 * {@code recorded ID} after each returns;
 * {@code compact DIR STEP} opens the folder's store and closes it, which compacts its file,
 * printing {@code step S} at each step of the compaction and stopping for good at {@code STEP}
 * (unless it is {@code STARTED}), for the parent to kill it there.
 */
public final class ChildStore {
    private ChildStore() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        if (args[0].equals("compact")) {
            Compaction.Step stopAt = Compaction.Step.valueOf(args[2]);
            try (Database db = Database.open(dir)) {
                db.onCompaction(p -> {
                    System.out.println("step " + p.step());
                    System.out.flush();
                    if (p.step() == stopAt && stopAt != Compaction.Step.STARTED) {
                        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().forEach(l -> { });
                    }
                });
                System.out.println("open");
                System.out.flush();
            }
            System.out.println("closed");
            System.out.flush();
            return;
        }
        try (AppContext ctx = AppContext.open(dir)) {
            if (args[0].equals("save")) {
                CustomerService customers = ctx.customers();
                for (int i = 0; ; i++) {
                    Customer saved = customers.save(Customer.builder().name("客户" + i).phones("138" + String.format("%08d", i)).build());
                    System.out.println("saved " + saved.code());
                    System.out.flush();
                }
            }
            if (args[0].equals("record")) {
                int n = Integer.parseInt(args[2]);
                new SampleShop(13L, ctx.customers().today()).fill(ctx.customers(), n, k -> { }, () -> false);
                long[] ids = ctx.database().dsl().fetchValues("SELECT id FROM customer ORDER BY id").stream()
                        .mapToLong(v -> ((Number) v).longValue()).toArray();
                java.time.LocalDateTime at = java.time.LocalDateTime.now().minusHours(1);
                for (int i = 0; ; i++) {
                    var p = ctx.membership().recordPurchase(ids[i % ids.length], at.plusSeconds(i),
                            java.math.BigDecimal.valueOf(1_000 + 37L * (i % 50), 1), "kill test " + i);
                    System.out.println("recorded " + p.id());
                    System.out.flush();
                }
            }
            if (args[0].equals("bulk")) {
                stopAtIndexStep(ctx.database(), args);
                CustomerService customers = ctx.customers();
                int n = Integer.parseInt(args[2]);
                int saved = new SampleShop(7L, customers.today()).fill(customers, n, k -> {
                    System.out.println("progress " + k);
                    System.out.flush();
                }, () -> false);
                System.out.println("done " + saved);
                System.out.flush();
                return;
            }
            if (args[0].equals("grow")) {
                int n = Integer.parseInt(args[2]);
                new SampleShop(11L, ctx.customers().today()).fill(ctx.customers(), n, k -> { }, () -> false);
                // Days of saves at the counter: each durable save writes new pages, and H2 keeps the
                // old ones for its retention time, so the file grows well past its live data.
                for (int k = 0; k < 120; k++) {
                    int part = k;
                    ctx.database().write(cfg -> cfg.dsl().execute(
                            "UPDATE customer SET notes = CONCAT('visit ', ?, ' ', id) WHERE MOD(id, 120) = ?", part, part));
                }
                System.out.println("grown");
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().forEach(l -> { });
                return;
            }
            if (args[0].equals("purchases")) {
                int n = Integer.parseInt(args[2]);
                SampleShop shop = new SampleShop(7L, ctx.customers().today());
                System.out.println("customers " + shop.fill(ctx.customers(), n, k -> { }, () -> false));
                System.out.flush();
                stopAtIndexStep(ctx.database(), args);
                int saved = shop.fillPurchases(ctx.membership(), (k, all) -> {
                    ctx.database().syncNow(); // what the parent is told was committed is in the file when it kills
                    System.out.println("purchases " + k);
                    System.out.flush();
                }, () -> false);
                System.out.println("done " + saved);
                System.out.flush();
                return;
            }
            if (args[0].equals("closeWithBackup")) {
                ctx.automaticBackups(true);
                new SampleShop(7L, ctx.customers().today()).fill(ctx.customers(), Integer.parseInt(args[2]), k -> { }, () -> false);
            }
            System.out.println("open");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().forEach(l -> { });
        }
    }

    /** With {@code STEP K} after the count: prints each step of a load's index rebuild, and stops at that one. */
    private static void stopAtIndexStep(Database db, String[] args) {
        if (args.length < 5) {
            return;
        }
        Database.IndexStep stopAt = Database.IndexStep.valueOf(args[3]);
        int at = Integer.parseInt(args[4]);
        db.onIndexRebuild(p -> {
            System.out.println("index " + p.step() + " " + p.done());
            System.out.flush();
            if (p.step() == stopAt && p.done() == at) {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().forEach(l -> { });
            }
        });
    }

    /** Reads the child's output until it prints {@code open} (its log lines come first); whether it did before it ended. */
    static boolean opened(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.equals("open"));
        return line != null;
    }

    /** Starts this class in a child JVM with the same java and class path. */
    static Process start(String mode, Path dir, String... more) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", ChildStore.class.getName(), mode, dir.toString()));
        cmd.addAll(List.of(more));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
