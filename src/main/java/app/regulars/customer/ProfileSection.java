package app.regulars.customer;

import javafx.scene.Node;

/**
 * A part of a customer's profile that another feature contributes (purchases and points,
 * the contact timeline, survey answers). Each one is a tab beside the details; the customer
 * feature knows nothing of the others, the shell hands their sections in.
 */
public interface ProfileSection {
    /** The tab's title, already in the user's language. */
    String title();

    /** The node shown in the tab; created once. */
    Node node();

    /**
     * Called on the JavaFX thread whenever the profile shows a customer (also after a save);
     * load what the section needs in the background through the {@code TaskRunner}.
     */
    void show(Customer customer);

    /**
     * The profile hands the section what to run after the section changed the customer's
     * facts (a purchase recorded, say), so that the summary row above the tabs follows.
     */
    default void whenChanged(Runnable changed) {
    }
}
