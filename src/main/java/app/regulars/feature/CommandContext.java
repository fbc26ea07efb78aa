package app.regulars.feature;

import app.regulars.i18n.Messages;

import java.io.PrintWriter;
import java.util.function.Function;

/** What the command line's root gives every command: the user's language and the opened store. */
public interface CommandContext {
    Messages messages();

    /** Opens the data folder's store, runs {@code work} with its services, closes it; a locked or
     *  unreadable store is printed to {@code err} as a message and gives {@link FeatureCommand#FAILED}. */
    int withServices(PrintWriter err, Function<Services, Integer> work);
}
