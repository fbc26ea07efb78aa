package app.regulars.app;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The program's log: a file in the data folder's {@code logs}, libraries' chatter left out. */
class LogSetupTest {
    private final LoggerContext context = new LoggerContext();

    {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as logback's provider does
    }

    @AfterEach
    void stop() {
        context.stop();
        System.clearProperty("regulars.log.dir");
        System.clearProperty(LogSetup.FORCE);
    }

    @Test
    void linesGoToTheLogFileOfTheDataFolder(@TempDir Path dir) throws Exception {
        System.setProperty("regulars.log.dir", dir.toString());
        System.setProperty(LogSetup.FORCE, "true");
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        context.getLogger("app.regulars.store.Database").info("The data file is 12 MB");
        context.getLogger("org.flywaydb.core.FlywayExecutor").info("Database: jdbc:h2:file:...");
        context.getLogger("org.flywaydb.core.FlywayExecutor").warn("A warning from Flyway");
        context.stop(); // flushes and closes the file

        String log = Files.readString(dir.resolve("regulars.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("INFO  [", "app.regulars.store.Database - The data file is 12 MB", "A warning from Flyway")
                .doesNotContain("jdbc:h2");
    }

    @Test
    void theTestsOwnSetupIsLeftAloneUnlessForced() {
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        assertThat(setup.configure(context)).isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }

    @Test
    void noPersonalDataReachesTheLogNotEvenInAnException(@TempDir Path dir) throws Exception {
        System.setProperty("regulars.log.dir", dir.toString());
        System.setProperty(LogSetup.FORCE, "true");
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        setup.configure(context);
        // as H2 and a refused cell word them
        Exception h2 = new RuntimeException("Unique index or primary key violation: \"PUBLIC.UQ_PHONE ON PUBLIC.CUSTOMER_PHONE(PHONE) "
                + "VALUES ( /* 1 */ '+8613812345678' )\"; SQL statement: INSERT INTO customer VALUES (7, '王小明', 'Alice Smith')",
                new IllegalStateException("“138abcd1234” is not a valid phone number"));
        context.getLogger("app.regulars.app.cli.RegularsCommand").error("Command failed", h2);
        context.getLogger("app.regulars.customer.CustomerService").warn("Could not save \"Alice Smith\", phone 139 8765 4321, 李芳");
        context.stop();

        String log = Files.readString(dir.resolve("regulars.log"), StandardCharsets.UTF_8);
        assertThat(log).contains("Command failed", "java.lang.RuntimeException", "Unique index or primary key violation",
                "at app.regulars.app.LogSetupTest", "Caused by: java.lang.IllegalStateException", "Could not save");
        assertThat(log).doesNotContain("13812345678", "8613812345678", "王小明", "Alice Smith", "138abcd1234", "139 8765 4321", "李芳");
    }
}
