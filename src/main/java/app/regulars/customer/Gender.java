package app.regulars.customer;

public enum Gender {
    FEMALE, MALE, OTHER
}
