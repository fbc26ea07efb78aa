package app.regulars.customer;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A customer's profile. Phones are E.164 once saved (as typed before); tags as the user
 * wrote them. {@code id} is null until saved; {@code code} is the member-card number.
 * {@code erasedAt}: when the customer's personal data was erased on their request (null: never);
 * what is left of an erased customer is their card number and anonymous figures.
 * {@code fields}: the values of the shop's custom fields by field id (decision 0027); null when
 * not given, and a save then leaves the stored values as they are.
 * {@code version}: how many times the stored row had changed when it was read (0 for a new one); a
 * save changes the row only while it is still at this version (decision 0031).
 */
public record Customer(
        Long id,
        String code,
        String name,
        Gender gender,
        Birthday birthday,
        List<String> phones,
        String email,
        String wechat,
        String address,
        String company,
        String jobTitle,
        String source,
        List<String> tags,
        String notes,
        String preferences,
        Consent consent,
        boolean archived,
        LocalDateTime createdAt,
        LocalDateTime updatedAt,
        LocalDateTime erasedAt,
        java.util.Map<Long, FieldValue> fields,
        int version) {

    public Customer {
        fields = fields == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        phones = phones == null ? List.of() : List.copyOf(phones);
        tags = tags == null ? List.of() : List.copyOf(tags);
        consent = consent == null ? Consent.NONE : consent;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.code = code;
        b.name = name;
        b.gender = gender;
        b.birthday = birthday;
        b.phones = phones;
        b.email = email;
        b.wechat = wechat;
        b.address = address;
        b.company = company;
        b.jobTitle = jobTitle;
        b.source = source;
        b.tags = tags;
        b.notes = notes;
        b.preferences = preferences;
        b.consent = consent;
        b.archived = archived;
        b.createdAt = createdAt;
        b.updatedAt = updatedAt;
        b.erasedAt = erasedAt;
        b.fields = fields;
        b.version = version;
        return b;
    }

    public boolean erased() {
        return erasedAt != null;
    }

    public String primaryPhone() {
        return phones.isEmpty() ? null : phones.getFirst();
    }

    public static final class Builder {
        private Long id;
        private String code;
        private String name;
        private Gender gender;
        private Birthday birthday;
        private List<String> phones = List.of();
        private String email;
        private String wechat;
        private String address;
        private String company;
        private String jobTitle;
        private String source;
        private List<String> tags = List.of();
        private String notes;
        private String preferences;
        private Consent consent = Consent.NONE;
        private boolean archived;
        private LocalDateTime createdAt;
        private LocalDateTime updatedAt;
        private LocalDateTime erasedAt;
        private java.util.Map<Long, FieldValue> fields;
        private int version;

        private Builder() {
        }

        public Builder id(Long v) { id = v; return this; }
        public Builder code(String v) { code = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder gender(Gender v) { gender = v; return this; }
        public Builder birthday(Birthday v) { birthday = v; return this; }
        public Builder phones(List<String> v) { phones = v; return this; }
        public Builder phones(String... v) { phones = List.of(v); return this; }
        public Builder email(String v) { email = v; return this; }
        public Builder wechat(String v) { wechat = v; return this; }
        public Builder address(String v) { address = v; return this; }
        public Builder company(String v) { company = v; return this; }
        public Builder jobTitle(String v) { jobTitle = v; return this; }
        public Builder source(String v) { source = v; return this; }
        public Builder tags(List<String> v) { tags = v; return this; }
        public Builder tags(String... v) { tags = List.of(v); return this; }
        public Builder notes(String v) { notes = v; return this; }
        public Builder preferences(String v) { preferences = v; return this; }
        public Builder consent(Consent v) { consent = v; return this; }
        public Builder archived(boolean v) { archived = v; return this; }
        public Builder createdAt(LocalDateTime v) { createdAt = v; return this; }
        public Builder updatedAt(LocalDateTime v) { updatedAt = v; return this; }
        public Builder erasedAt(LocalDateTime v) { erasedAt = v; return this; }
        public Builder fields(java.util.Map<Long, FieldValue> v) { fields = v; return this; }
        public Builder version(int v) { version = v; return this; }

        public Customer build() {
            return new Customer(id, code, name, gender, birthday, phones, email, wechat, address, company,
                    jobTitle, source, tags, notes, preferences, consent, archived, createdAt, updatedAt, erasedAt, fields, version);
        }
    }
}
