package app.regulars.testing;

import app.regulars.fx.AppFonts;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Prepares the app's fonts before any test class runs, as {@code RegularsApp} does before its
 * first window: JavaFX settles which fonts draw the characters a font lacks when it makes its
 * first font, and all tests share one JVM. Registered for every test class through
 * {@code META-INF/services} (automatic extensions are on in {@code junit-platform.properties}).
 */
public final class AppFontsFirst implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        AppFonts.prepareWindows();
    }
}
