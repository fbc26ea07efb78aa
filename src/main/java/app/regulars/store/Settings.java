package app.regulars.store;

import java.util.Optional;

import static app.regulars.store.jooq.Tables.APP_SETTING;

/** Small named settings kept in the database (language, theme, first start done, ...). */
public final class Settings {
    public static final String LANGUAGE = "ui.language";
    public static final String THEME = "ui.theme";
    public static final String ONBOARDED = "ui.onboarded";

    private final Database db;

    public Settings(Database db) {
        this.db = db;
    }

    /**
     * Refuses a change of the shop's settings to anyone but the owner in team mode (decision 0033);
     * the language and theme of the window are anyone's.
     */
    public void requireOwner() {
        db.session().requireOwner();
    }

    /**
     * A number that moves with every write of the settings (this store's writes through {@link
     * Database}, and other computers' in team mode): the same number, the same settings. For what
     * reads many of them for each of many questions (the insights' settings for each page of the
     * customer list).
     */
    public long version() {
        return db.writeCount(APP_SETTING);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(db.dsl().select(APP_SETTING.SETTING_VALUE).from(APP_SETTING)
                .where(APP_SETTING.SETTING_KEY.eq(key)).fetchOne(APP_SETTING.SETTING_VALUE));
    }

    public void put(String key, String value) {
        db.write(cfg -> cfg.dsl().mergeInto(APP_SETTING)
                .using(cfg.dsl().selectOne())
                .on(APP_SETTING.SETTING_KEY.eq(key))
                .whenMatchedThenUpdate().set(APP_SETTING.SETTING_VALUE, value)
                .whenNotMatchedThenInsert(APP_SETTING.SETTING_KEY, APP_SETTING.SETTING_VALUE).values(key, value)
                .execute());
    }

    /** Removes {@code key} inside the caller's transaction {@code tx}, with the rest of its changes. */
    public static void remove(org.jooq.DSLContext tx, String key) {
        tx.deleteFrom(APP_SETTING).where(APP_SETTING.SETTING_KEY.eq(key)).execute();
    }

    /** Removes {@code key} (nothing happens if it is not set). */
    public void remove(String key) {
        db.write(cfg -> cfg.dsl().deleteFrom(APP_SETTING).where(APP_SETTING.SETTING_KEY.eq(key)).execute());
    }
}
