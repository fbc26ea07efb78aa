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
}
