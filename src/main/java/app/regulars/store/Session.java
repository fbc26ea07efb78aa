package app.regulars.store;

import app.regulars.i18n.UserException;

import java.util.Optional;

/**
 * Who is signed in to a store (decision 0033), one per opened {@link Database}: the window's
 * view models, the services and the command line ask it before what only an owner may do.
 * Until a store has people, nobody signs in and everything is allowed, as in a shop of one.
 */
public final class Session {
    private volatile boolean peopleExist;
    private volatile Person person;

    /** Whether the store has an active person: then someone must be signed in, and roles count. */
    public boolean peopleExist() {
        return peopleExist;
    }

    void peopleExist(boolean exist) {
        this.peopleExist = exist;
    }

    /** The person signed in; empty before anyone is (or in a store without people). */
    public Optional<Person> person() {
        return Optional.ofNullable(person);
    }

    /** Whether whoever works now may do everything: the owner signed in, or a store without people. */
    public boolean owner() {
        Person p = person;
        return p == null ? !peopleExist : p.owner();
    }

    /** Whether someone must sign in before anything of the store is shown or changed. */
    public boolean signInNeeded() {
        return peopleExist && person == null;
    }

    /**
     * Refuses what only an owner may do (exporting everything, erasing, the settings) with
     * {@code people.error.ownerOnly}, or {@code people.error.signInFirst} when nobody is signed in to
     * a store with people. Called by the services, not only by the views that hide the buttons.
     */
    public void requireOwner() {
        if (owner()) {
            return;
        }
        if (person == null) {
            throw new UserException("people.error.signInFirst");
        }
        throw new UserException("people.error.ownerOnly", person.name());
    }

    void signIn(Person p) {
        this.person = p;
    }

    /** Signs the person out: the window asks for a name and PIN again. */
    public void signOut() {
        this.person = null;
    }
}
