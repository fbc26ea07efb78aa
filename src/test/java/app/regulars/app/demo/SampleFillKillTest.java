package app.regulars.app.demo;

import app.regulars.app.AppContext;
import app.regulars.customer.CustomerService;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import app.regulars.testing.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo} killed right after its customers were committed, before their purchases: the
 * customers and their history are one all-or-nothing unit, so the next start empties the store
 * and {@code demo} runs again (it once left 2,000 customers without purchases, and a folder
 * {@code demo} refused). The child ({@link #main}) runs the real command with
 * {@link PauseAfterCustomers} on its tables.
 */
class SampleFillKillTest {
    private static final int CUSTOMERS = 600;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aDemoKilledBetweenItsCustomersAndTheirPurchasesLeavesNothingAndRunsAgain(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data)) {
            db.dsl().connection(PauseAfterCustomers::install);
        }
        Process child = start(data);
        boolean paused = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals("paused")) {
                    paused = true;
                    child.destroyForcibly(); // SIGKILL: the customers are committed, nothing after them
                    break;
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(paused).as("the child paused after its customers").isTrue();

        try (AppContext ctx = AppContext.open(data)) {
            assertThat(ctx.customers().countAll()).as("customers left without their purchases").isZero();
            assertThat(ctx.settings().get(SampleShop.PENDING)).isEmpty();
            assertThat(ctx.settings().get(CustomerService.FILL_PENDING)).isEmpty();
            ctx.database().dsl().execute("DROP TRIGGER pause_setting");
            ctx.database().dsl().execute("DROP TRIGGER pause_purchase");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Cli.run(data, Locale.ENGLISH, out, err, "demo", "--customers", "120")).as(err.toString()).isZero();
        try (AppContext ctx = AppContext.open(data)) {
            assertThat(ctx.customers().countAll()).isEqualTo(120);
            assertThat(ctx.database().dsl().fetchCount(app.regulars.store.jooq.Tables.PURCHASE)).isPositive();
        }
    }

    private static Process start(Path data) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "--enable-native-access=ALL-UNNAMED", "-D" + PauseAfterCustomers.PROPERTY + "=true",
                SampleFillKillTest.class.getName(), data.toString()));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The child: {@code regulars --data-dir DIR demo --customers N}, its output discarded but for the trigger's {@code paused}. */
    public static void main(String[] args) {
        var cl = app.regulars.app.cli.RegularsCommand.create(new Messages(Locale.ENGLISH));
        cl.setOut(new java.io.PrintWriter(java.io.OutputStream.nullOutputStream()));
        System.exit(cl.execute("--data-dir", args[0], "demo", "--customers", Integer.toString(CUSTOMERS)));
    }
}
