package app.regulars.feature;

import javafx.scene.input.KeyCombination;

/** A window-wide shortcut a feature adds (Ctrl+P: a purchase), whatever page is shown. */
public record Shortcut(KeyCombination keys, Runnable action) {
}
