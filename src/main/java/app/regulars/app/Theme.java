package app.regulars.app;

import app.regulars.fx.Windows;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;

/** Light and dark: AtlantaFX's Primer themes plus the app's own stylesheet. */
public enum Theme {
    LIGHT, DARK;

    public static Theme parse(String value) {
        return "DARK".equals(value) ? DARK : LIGHT;
    }

    /** Sets the theme for the whole application and the app's stylesheet on {@code scene}. */
    public void apply(Scene scene) {
        Application.setUserAgentStylesheet(this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        if (scene != null && !scene.getStylesheets().contains(Windows.STYLESHEET)) {
            scene.getStylesheets().add(Windows.STYLESHEET);
        }
    }

    public Theme other() {
        return this == DARK ? LIGHT : DARK;
    }
}
