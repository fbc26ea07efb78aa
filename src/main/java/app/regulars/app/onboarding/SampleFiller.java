package app.regulars.app.onboarding;

import app.regulars.tables.Progress;

import java.util.function.BooleanSupplier;

/** Fills an empty store with a sample shop of {@code customers} customers; returns how many were stored. */
@FunctionalInterface
public interface SampleFiller {
    int fill(int customers, Progress progress, BooleanSupplier cancelled);
}
