package app.regulars.app;

import app.regulars.testing.FaultSoak;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short versions of the soak tests ({@link FaultSoak}; the long ones, 1,000 kills and 10,000
 * reopens, are {@code ./mvnw -Pfaults verify}): a few SIGKILLs at random moments of mixed work
 * lose no acknowledged write and leave stores that open; a few hundred open, write, close cycles
 * find every previous write.
 */
class FaultSoakTest {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killsAtRandomMomentsOfMixedWorkLoseNoAcknowledgedWrite(@TempDir Path dir) throws Exception {
        FaultSoak.KillFigures f = FaultSoak.kill(dir.resolve("data"), Integer.getInteger("regulars.soak.kills", 3), 15L, 2_000, null);
        System.out.println("kill soak: " + f);
        assertThat(f.problems).isEmpty();
        assertThat(f.lost).isZero();
        assertThat(f.failedOpens).isZero();
        assertThat(f.acknowledged).as("writes acknowledged before the kills").isPositive();
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void openWriteCloseCyclesFindEveryPreviousWrite(@TempDir Path dir) {
        FaultSoak.ReopenFigures f = FaultSoak.reopen(dir.resolve("data"), Integer.getInteger("regulars.soak.reopens", 60), null);
        System.out.println("reopen soak: " + f);
        assertThat(f.corruptReopens()).isZero();
    }
}
