package app.regulars.testing;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waiting in TestFX tests for what the background tasks and the FX thread bring to the screen. */
public final class Fx {
    private Fx() {
    }

    /** Waits up to 10 s for {@code condition} (checked on the FX thread), then for pending FX events. */
    public static void waitUntil(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (TimeoutException e) {
            throw new AssertionError("condition not met in time", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
