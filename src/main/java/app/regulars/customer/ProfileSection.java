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

    /**
     * A section made by {@code maker} when the profile first asks anything of it: the profile is
     * made when a customer is first opened, not with the shell, and so are the sections
     * (decision 0045).
     */
    static ProfileSection lazy(java.util.function.Supplier<? extends ProfileSection> maker) {
        app.regulars.feature.Lazy<ProfileSection> section = new app.regulars.feature.Lazy<>(maker::get);
        return new ProfileSection() {
            @Override
            public String title() {
                return section.get().title();
            }

            @Override
            public Node node() {
                return section.get().node();
            }

            @Override
            public void show(Customer customer) {
                section.get().show(customer);
            }

            @Override
            public void whenChanged(Runnable changed) {
                section.get().whenChanged(changed);
            }
        };
    }
}
