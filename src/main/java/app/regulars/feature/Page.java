package app.regulars.feature;

import javafx.scene.Node;
import javafx.scene.Scene;
import org.kordamp.ikonli.Ikon;

/** A page of the navigation: its button, its content, and what it does when it is shown. */
public interface Page {
    /** The navigation button's node id ({@code navCalendar}), for tests and shortcuts. */
    String navId();

    /** The button's text, in the user's language. */
    String title();

    Ikon icon();

    /** The page's content; created once. */
    Node node();

    /** The user went to this page, or data changed while it was shown: reload what it shows. */
    default void refresh() {
    }

    /**
     * The user came back to this page with its button: reload what may have changed since it
     * was last loaded ({@link #refresh}, unless the page can tell that nothing has).
     */
    default void shownAgain() {
        refresh();
    }

    /** Where the page goes in the navigation: lower first; equal ones in the order of the features. */
    default int position() {
        return 100;
    }

    /** Whether the window opens on this page (the customer list); the first page when none says so. */
    default boolean home() {
        return false;
    }

    /** Whether the window should open on this page rather than the first (asked off the JavaFX
     *  thread after the start of the day; the calendar does when something is due today). */
    default boolean opensFirst() {
        return false;
    }

    /** Keyboard shortcuts that work while the window shows this feature (installed once). */
    default void installShortcuts(Scene scene) {
    }
}
