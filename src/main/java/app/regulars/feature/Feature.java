package app.regulars.feature;

import app.regulars.i18n.Messages;

import java.util.List;
import java.util.Optional;

/**
 * What one feature (customers, follow-ups, membership, surveys, ...) hands the app. The app
 * lists its features in one place ({@code app.Features}); the window, the start of the day
 * and the command line only iterate over them, so a new feature needs no other change there.
 *
 * <p>A feature object lives as long as one opened store: {@link #open} builds its services,
 * the window asks it for its views, {@link #close} ends it. The command line also asks an
 * unopened feature for its {@link #commands()}.
 */
public interface Feature {
    /** Builds this feature's services on the opened store and puts them in {@code services}
     *  (where the features opened before it have put theirs). */
    void open(Services services);

    /** Jobs for the start of a day, each safe to repeat: run in the background when the window opens. */
    default void startOfDay(Services services, Messages messages) {
    }

    /** Adds what this feature shows inside other features' views (profile tabs, list columns) and
     *  its window-wide shortcuts to {@code ui.extensions()}. Called before any {@link #page}. */
    default void contribute(Ui ui) {
    }

    /** The page it adds to the navigation, if any; called after every feature has contributed. */
    default Optional<Page> page(Ui ui) {
        return Optional.empty();
    }

    /** Its commands: picocli command classes or objects, whose work goes through a {@link FeatureCommand}. */
    default Commands commands() {
        return Commands.NONE;
    }

    /** Ends what {@link #open} started (background indexes, caches); the store closes after. */
    default void close() {
    }
}
