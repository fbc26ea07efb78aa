package app.regulars.customer;

import app.regulars.i18n.Messages;
import app.regulars.fx.TaskRunner;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The edit form of one profile (new or existing): a property per field as typed, a
 * problem text per field after a failed save, a warning when a phone or email already
 * belongs to someone else, and {@link #save()}. When someone else saved the same customer since
 * the form was filled (another computer of a shared store), the save changes nothing and
 * {@link #conflictProperty()} asks "Changed by someone else at 14:02 — reload or keep mine?":
 * {@link #reload()} shows their version, {@link #keepMine()} saves this one over it (decision 0031).
 */
public final class CustomerEditorViewModel {
    /** How the birthday is given: none, solar date, lunar date. */
    public enum BirthdayKind { NONE, SOLAR, LUNAR }

    private final CustomerService service;
    private final TaskRunner runner;
    private final Messages messages;
    private Customer original;

    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty phones = new SimpleStringProperty("");
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty wechat = new SimpleStringProperty("");
    private final ObjectProperty<Gender> gender = new SimpleObjectProperty<>();
    private final ObjectProperty<BirthdayKind> birthdayKind = new SimpleObjectProperty<>(BirthdayKind.NONE);
    private final StringProperty birthYear = new SimpleStringProperty("");
    private final ObjectProperty<Integer> birthMonth = new SimpleObjectProperty<>();
    private final ObjectProperty<Integer> birthDay = new SimpleObjectProperty<>();
    private final BooleanProperty birthLeapMonth = new SimpleBooleanProperty(false);
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty company = new SimpleStringProperty("");
    private final StringProperty jobTitle = new SimpleStringProperty("");
    private final StringProperty source = new SimpleStringProperty("");
    private final StringProperty tags = new SimpleStringProperty("");
    private final StringProperty notes = new SimpleStringProperty("");
    private final StringProperty preferences = new SimpleStringProperty("");
    private final BooleanProperty marketingConsent = new SimpleBooleanProperty(false);
    private final ObjectProperty<LocalDate> consentDate = new SimpleObjectProperty<>();
    private final Map<MarketingChannel, BooleanProperty> optOuts = new EnumMap<>(MarketingChannel.class);

    private final ObservableMap<CustomerField, String> problems = FXCollections.observableMap(new EnumMap<>(CustomerField.class));
    private final ReadOnlyStringWrapper duplicateWarning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nextBirthday = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    /** The question after a save refused by someone else's save; empty when there is none. */
    private final ReadOnlyStringWrapper conflict = new ReadOnlyStringWrapper("");
    /** The profile as the other person saved it, while {@link #conflict} asks. */
    private Customer theirs;
    /** What the last save was to call once saved: a save over theirs calls it too. */
    private Consumer<Customer> afterSave = saved -> { };
    /** An input per custom field, in field order (decision 0027). */
    private final javafx.collections.ObservableList<CustomFieldInput> customInputs = FXCollections.observableArrayList();

    public CustomerEditorViewModel(CustomerService service, TaskRunner runner, Messages messages) {
        this.service = service;
        this.runner = runner;
        this.messages = messages;
        for (MarketingChannel c : MarketingChannel.values()) {
            optOuts.put(c, new SimpleBooleanProperty(false));
        }
        javafx.beans.InvalidationListener birthday = obs -> updateNextBirthday();
        birthdayKind.addListener(birthday);
        birthYear.addListener(birthday);
        birthMonth.addListener(birthday);
        birthDay.addListener(birthday);
        birthLeapMonth.addListener(birthday);
        marketingConsent.addListener((obs, was, now) -> {
            if (now && consentDate.get() == null) {
                consentDate.set(service.today());
            }
        });
        startNew();
    }

    /** An empty form for a new customer. */
    public void startNew() {
        load(Customer.builder().build());
    }

    /** The form filled with an existing profile. */
    public void edit(Customer customer) {
        load(customer);
    }

    private void load(Customer c) {
        original = c;
        theirs = null;
        conflict.set("");
        title.set(c.id() == null ? messages.get("customer.editor.titleNew") : messages.get("customer.editor.titleEdit", c.name()));
        code.set(nz(c.code()));
        name.set(nz(c.name()));
        phones.set(String.join(", ", c.phones().stream().map(service.phones()::format).toList()));
        email.set(nz(c.email()));
        wechat.set(nz(c.wechat()));
        gender.set(c.gender());
        Birthday b = c.birthday();
        birthdayKind.set(b == null ? BirthdayKind.NONE : b.isLunar() ? BirthdayKind.LUNAR : BirthdayKind.SOLAR);
        birthYear.set(b == null || b.year() == null ? "" : String.valueOf(b.year()));
        birthMonth.set(b == null ? null : b.month());
        birthDay.set(b == null ? null : b.day());
        birthLeapMonth.set(b != null && b.leapMonth());
        address.set(nz(c.address()));
        company.set(nz(c.company()));
        jobTitle.set(nz(c.jobTitle()));
        source.set(nz(c.source()));
        tags.set(String.join(", ", c.tags()));
        notes.set(nz(c.notes()));
        preferences.set(nz(c.preferences()));
        marketingConsent.set(c.consent().marketing());
        consentDate.set(c.consent().date());
        for (MarketingChannel ch : MarketingChannel.values()) {
            optOuts.get(ch).set(c.consent().optOuts().contains(ch));
        }
        problems.clear();
        duplicateWarning.set("");
        error.set("");
        updateNextBirthday();
        customInputs.clear();
        runner.run(service::customFields, defined -> {
            if (original == c) {
                customInputs.setAll(defined.all().stream()
                        .map(f -> new CustomFieldInput(f, c.fields() == null ? null : c.fields().get(f.id()))).toList());
            }
        }, e -> error.set(messages.describe(e)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The birthday as typed; a problem is recorded when the date does not exist. */
    private Birthday birthday() {
        if (birthdayKind.get() == null || birthdayKind.get() == BirthdayKind.NONE) {
            return null;
        }
        if (birthMonth.get() == null || birthDay.get() == null) {
            throw new DateTimeException("month and day needed");
        }
        String y = birthYear.get() == null ? "" : birthYear.get().strip();
        Integer year = y.isEmpty() ? null : Integer.valueOf(y);
        return birthdayKind.get() == BirthdayKind.LUNAR
                ? Birthday.lunar(year, birthMonth.get(), birthDay.get(), birthLeapMonth.get())
                : new Birthday(Birthday.Kind.SOLAR, year, birthMonth.get(), birthDay.get(), false);
    }

    private void updateNextBirthday() {
        try {
            Birthday b = birthday();
            nextBirthday.set(b == null ? "" : messages.get("customer.profile.nextBirthday",
                    new BirthdayFormat(messages).next(b, service.today())));
            problems.remove(CustomerField.BIRTHDAY);
        } catch (RuntimeException e) {
            nextBirthday.set("");
        }
    }

    /** The form as a profile to save (phones as typed: the service normalizes them). */
    Customer toCustomer() {
        Birthday b;
        try {
            b = birthday();
        } catch (RuntimeException e) {
            throw new InvalidCustomerException(Map.of(CustomerField.BIRTHDAY, FieldProblem.of("customer.error.birthdayInvalid")));
        }
        EnumSet<MarketingChannel> out = EnumSet.noneOf(MarketingChannel.class);
        optOuts.forEach((ch, p) -> {
            if (p.get()) {
                out.add(ch);
            }
        });
        return original.toBuilder()
                .code(code.get())
                .name(name.get())
                .phones(split(phones.get(), "[,;，；、/]"))
                .email(email.get())
                .wechat(wechat.get())
                .gender(gender.get())
                .birthday(b)
                .address(address.get())
                .company(company.get())
                .jobTitle(jobTitle.get())
                .source(source.get())
                .tags(split(tags.get(), "[,;，；、]"))
                .notes(notes.get())
                .preferences(preferences.get())
                .consent(new Consent(marketingConsent.get(), consentDate.get(), out))
                .fields(customValues())
                .build();
    }

    /** The custom fields' values as given; those of fields the form does not show (defined since) as they were. */
    private Map<Long, FieldValue> customValues() {
        Map<Long, FieldValue> values = new java.util.LinkedHashMap<>();
        if (original.fields() != null) {
            values.putAll(original.fields());
        }
        for (CustomFieldInput input : customInputs) {
            FieldValue v = input.value();
            if (v == null) {
                values.remove(input.field().id());
            } else {
                values.put(input.field().id(), v);
            }
        }
        return values;
    }

    private static List<String> split(String text, String separators) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(separators)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Looks for other customers with the same phone or email (after those fields are left). */
    public void checkDuplicates() {
        Customer c;
        try {
            c = toCustomer();
        } catch (RuntimeException e) {
            return;
        }
        runner.run(() -> service.duplicatesOf(c), this::showDuplicates, e -> duplicateWarning.set(""));
    }

    private void showDuplicates(List<Customer> others) {
        if (others.isEmpty()) {
            duplicateWarning.set("");
            return;
        }
        Customer first = others.getFirst();
        duplicateWarning.set(messages.get(first.archived() ? "customer.editor.duplicateArchived" : "customer.editor.duplicate",
                first.name(), first.code(), others.size() - 1));
    }

    /** Saves in the background; {@code onSaved} gets the stored profile, or problems show by their fields. */
    public void save(Consumer<Customer> onSaved) {
        if (saving.get()) {
            return;
        }
        problems.clear();
        error.set("");
        conflict.set("");
        boolean customOk = true;
        for (CustomFieldInput input : customInputs) {
            customOk &= input.check(messages);
        }
        if (!customOk) {
            error.set(messages.get("customer.editor.fixFields"));
            return;
        }
        Customer c;
        try {
            c = toCustomer();
        } catch (InvalidCustomerException e) {
            showProblems(e);
            return;
        }
        saving.set(true);
        afterSave = onSaved;
        runner.run(() -> service.save(c), saved -> {
            saving.set(false);
            original = saved;
            onSaved.accept(saved);
        }, e -> {
            saving.set(false);
            if (e instanceof InvalidCustomerException invalid) {
                showProblems(invalid);
            } else if (changedElsewhere(e) instanceof CustomerChangedException changed) {
                theirs = changed.current();
                error.set(messages.describe(changed));
                conflict.set(messages.describe(changed));
            } else {
                error.set(messages.describe(e));
            }
        });
    }

    public void save() {
        save(saved -> { });
    }

    private static Throwable changedElsewhere(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CustomerChangedException) {
                return t;
            }
        }
        return null;
    }

    /** After a refused save: the form shows the other person's version, this edit discarded. */
    public void reload() {
        if (theirs != null) {
            load(theirs);
        }
    }

    /**
     * After a refused save: saves the form as it is over the other person's version, knowingly (at
     * the version their save left). Should yet another save come in between, the question comes again.
     */
    public void keepMine() {
        if (theirs == null) {
            return;
        }
        original = original.toBuilder().version(theirs.version()).build();
        theirs = null;
        conflict.set("");
        save(afterSave);
    }

    private void showProblems(InvalidCustomerException e) {
        e.problems().forEach((field, p) -> problems.put(field, p.text(messages)));
        error.set(messages.get("customer.editor.fixFields"));
    }

    public StringProperty codeProperty() { return code; }
    public StringProperty nameProperty() { return name; }
    public StringProperty phonesProperty() { return phones; }
    public StringProperty emailProperty() { return email; }
    public StringProperty wechatProperty() { return wechat; }
    public ObjectProperty<Gender> genderProperty() { return gender; }
    public ObjectProperty<BirthdayKind> birthdayKindProperty() { return birthdayKind; }
    public StringProperty birthYearProperty() { return birthYear; }
    public ObjectProperty<Integer> birthMonthProperty() { return birthMonth; }
    public ObjectProperty<Integer> birthDayProperty() { return birthDay; }
    public BooleanProperty birthLeapMonthProperty() { return birthLeapMonth; }
    public StringProperty addressProperty() { return address; }
    public StringProperty companyProperty() { return company; }
    public StringProperty jobTitleProperty() { return jobTitle; }
    public StringProperty sourceProperty() { return source; }
    public StringProperty tagsProperty() { return tags; }
    public StringProperty notesProperty() { return notes; }
    public StringProperty preferencesProperty() { return preferences; }
    public BooleanProperty marketingConsentProperty() { return marketingConsent; }
    public ObjectProperty<LocalDate> consentDateProperty() { return consentDate; }
    public BooleanProperty optOutProperty(MarketingChannel channel) { return optOuts.get(channel); }
    public ObservableMap<CustomerField, String> problems() { return problems; }
    public ReadOnlyStringProperty duplicateWarningProperty() { return duplicateWarning.getReadOnlyProperty(); }
    public ReadOnlyStringProperty nextBirthdayProperty() { return nextBirthday.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty savingProperty() { return saving.getReadOnlyProperty(); }
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** "Changed by someone else at 14:02 — reload or keep mine?" after a refused save; empty otherwise. */
    public ReadOnlyStringProperty conflictProperty() { return conflict.getReadOnlyProperty(); }
    /** An input per custom field, in field order; filled once the fields are read. */
    public javafx.collections.ObservableList<CustomFieldInput> customInputs() { return customInputs; }
}
