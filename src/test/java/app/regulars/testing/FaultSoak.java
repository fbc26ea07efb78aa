package app.regulars.testing;

import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerCsvImporter;
import app.regulars.followup.Contact;
import app.regulars.followup.ContactChannel;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import app.regulars.survey.Answer;
import app.regulars.survey.NewResponse;
import app.regulars.survey.ResponseChannel;
import app.regulars.survey.Survey;
import app.regulars.tables.Progress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static app.regulars.store.jooq.Tables.CUSTOMER;
import static app.regulars.store.jooq.Tables.INTERACTION;
import static app.regulars.store.jooq.Tables.PURCHASE;
import static app.regulars.store.jooq.Tables.SURVEY_RESPONSE;

/**
 * The soak tests of issue 15, as code both the short tests and the long runs
 * ({@code ./mvnw -Pfaults verify}) call.
 * <ul>
 * <li>{@link #kill}: a child JVM ({@link #main}) does mixed work on one store (customer saves,
 * purchases, contacts, survey answers, customer imports), printing {@code ack KIND KEY} after
 * each write returns; it is killed (SIGKILL) at a random moment; the store must then open, and
 * hold every acknowledged write.</li>
 * <li>{@link #reopen}: open, write, close, many times in one JVM; each open must find the
 * previous write.</li>
 * </ul>
 */
public final class FaultSoak {
    /** What a kill soak found. */
    public static final class KillFigures {
        public int kills;
        public long acknowledged;
        public long lost;
        public int failedOpens;
        public int killedBeforeReady;
        public final List<String> problems = new ArrayList<>();

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d kills, %,d acknowledged writes checked: %,d lost, %,d stores that failed to open (%,d kills came before the child's first write)",
                    kills, acknowledged, lost, failedOpens, killedBeforeReady);
        }
    }

    private FaultSoak() {
    }

    /** {@code rounds} kills of a child at work on the store in {@code dir}, each after a random time up to {@code maxMillis}. */
    public static KillFigures kill(Path dir, int rounds, long seed, int maxMillis, Consumer<String> progress) throws IOException, InterruptedException {
        Random random = new Random(seed);
        KillFigures f = new KillFigures();
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            List<String> acks = new ArrayList<>();
            Process child = start(dir, round);
            long killAfter = random.nextInt(maxMillis + 1);
            boolean[] ready = {false};
            Thread reader = Thread.ofPlatform().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (acks) {
                            if (line.equals("ready")) {
                                ready[0] = true;
                                acks.notifyAll();
                            } else if (line.startsWith("ack ")) {
                                acks.add(line.substring(4));
                            }
                        }
                    }
                } catch (IOException e) {
                    // the pipe breaks when the child is killed
                }
            });
            synchronized (acks) {
                long until = System.currentTimeMillis() + 60_000;
                while (!ready[0] && child.isAlive() && System.currentTimeMillis() < until) {
                    acks.wait(100);
                }
            }
            // the kill comes at a random moment of the work, or of the start when the delay is 0
            Thread.sleep(killAfter);
            child.destroyForcibly(); // SIGKILL on Linux and macOS
            child.waitFor(30, TimeUnit.SECONDS);
            reader.join(10_000);
            f.kills++;
            if (!ready[0]) {
                f.killedBeforeReady++;
            }
            List<String> acknowledged;
            synchronized (acks) {
                acknowledged = List.copyOf(acks);
            }
            f.acknowledged += acknowledged.size();
            try (AppContext ctx = AppContext.open(dir)) {
                var dsl = ctx.database().dsl();
                for (String ack : acknowledged) {
                    String[] p = ack.split(" ");
                    boolean there = switch (p[0]) {
                        case "customer" -> dsl.fetchExists(CUSTOMER, CUSTOMER.CODE.eq(p[1]));
                        case "purchase" -> dsl.fetchExists(PURCHASE, PURCHASE.ID.eq(Long.parseLong(p[1])));
                        case "contact" -> dsl.fetchExists(INTERACTION, INTERACTION.ID.eq(Long.parseLong(p[1])));
                        case "response" -> dsl.fetchExists(SURVEY_RESPONSE, SURVEY_RESPONSE.ID.eq(Long.parseLong(p[1])));
                        case "import" -> dsl.fetchCount(CUSTOMER, CUSTOMER.CODE.startsWith(p[1])) == Integer.parseInt(p[2]);
                        default -> false;
                    };
                    if (!there) {
                        f.lost++;
                        f.problems.add("round " + round + ": lost " + ack);
                    }
                }
            } catch (RuntimeException e) {
                f.failedOpens++;
                f.problems.add("round " + round + ": the store did not open: " + e);
            }
            if (progress != null && (round + 1) % 10 == 0) {
                progress.accept(String.format(Locale.ROOT, "kill soak: %,d of %,d kills, %.0f s; %s", round + 1, rounds,
                        (System.nanoTime() - start) / 1e9, f));
            }
        }
        return f;
    }

    private static Process start(Path dir, int round) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED", FaultSoak.class.getName(), dir.toString(), Integer.toString(round));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The child of {@link #kill}: mixed work on the store in {@code args[0]} until it is killed. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int round = Integer.parseInt(args[1]);
        Random random = new Random(round);
        try (AppContext ctx = AppContext.open(dir)) {
            Survey survey = ctx.surveys().find("1");
            long question = survey.questions().getFirst().id();
            Customer base = ctx.customers().byCode("S00000").orElseGet(() ->
                    ctx.customers().save(Customer.builder().code("S00000").name("常客").phones("13700000000").build()));
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; ; i++) {
                String ack;
                switch (random.nextInt(10)) {
                    case 0, 1, 2 -> {
                        Customer c = ctx.customers().save(Customer.builder().code(String.format(Locale.ROOT, "K%05d-%05d", round, i))
                                .name("客户" + round + "-" + i).phones(String.format(Locale.ROOT, "137%08d", round * 10_000 + i)).build());
                        ack = "customer " + c.code();
                    }
                    case 3, 4, 5 -> ack = "purchase " + ctx.membership().recordPurchase(base.id(), LocalDateTime.now(),
                            BigDecimal.valueOf(1 + random.nextInt(200)), "tea " + i).id();
                    case 6, 7 -> ack = "contact " + ctx.followUps().logContact(new Contact(null, base.id(), LocalDateTime.now(),
                            ContactChannel.PHONE, "called " + i, null, null, null)).id();
                    case 8 -> ack = "response " + ctx.surveys().saveAll(List.of(new NewResponse(survey.id(), base.id(), null,
                            ResponseChannel.OTHER, ctx.customers().today(), List.of(Answer.score(question, 9))))).getFirst();
                    default -> {
                        String prefix = String.format(Locale.ROOT, "I%05d-%05d-", round, i);
                        Path csv = dir.resolveSibling("soak-" + round + ".csv");
                        StringBuilder b = new StringBuilder("code,name\n");
                        for (int k = 0; k < 3; k++) {
                            b.append(prefix).append(k).append(",导入").append(k).append('\n');
                        }
                        Files.writeString(csv, b, StandardCharsets.UTF_8);
                        int n = new CustomerCsvImporter(ctx.customers()).importFile(csv, Progress.NONE, () -> false).imported();
                        ack = "import " + prefix + " " + n;
                    }
                }
                System.out.println("ack " + ack);
                System.out.flush();
            }
        }
    }

    /** What a reopen soak found. */
    public record ReopenFigures(int cycles, int corruptReopens, double seconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d open -> write -> close cycles in %.0f s: %,d corrupt reopens", cycles, seconds, corruptReopens);
        }
    }

    /** {@code cycles} times: open the store in {@code dir}, check the previous cycle's write, write, close. */
    public static ReopenFigures reopen(Path dir, int cycles, Consumer<String> progress) {
        int corrupt = 0;
        long start = System.nanoTime();
        for (int cycle = 0; cycle < cycles; cycle++) {
            int i = cycle;
            try (Database db = Database.open(dir)) {
                Settings settings = new Settings(db);
                String previous = settings.get("soak.cycle").orElse(null);
                if (i > 0 && !Integer.toString(i - 1).equals(previous)) {
                    corrupt++;
                }
                settings.put("soak.cycle", Integer.toString(i));
                db.write(cfg -> cfg.dsl().insertInto(CUSTOMER, CUSTOMER.CODE, CUSTOMER.NAME, CUSTOMER.SORT_NAME, CUSTOMER.CREATED_AT, CUSTOMER.UPDATED_AT)
                        .values(String.format(Locale.ROOT, "R%06d", i), "循环" + i, "xunhuan" + i, LocalDateTime.now(), LocalDateTime.now()).execute());
            } catch (RuntimeException e) {
                corrupt++;
            }
            if (progress != null && (cycle + 1) % 1000 == 0) {
                progress.accept(String.format(Locale.ROOT, "reopen soak: %,d of %,d cycles, %.0f s, %,d corrupt", i + 1, cycles,
                        (System.nanoTime() - start) / 1e9, corrupt));
            }
        }
        try (Database db = Database.open(dir)) {
            if (db.dsl().fetchCount(CUSTOMER) != cycles) {
                corrupt++;
            }
        } catch (RuntimeException e) {
            corrupt++;
        }
        return new ReopenFigures(cycles, corrupt, (System.nanoTime() - start) / 1e9);
    }
}
