package app.regulars.fx;

import app.regulars.customer.CustomerService;

/** A kit class that uses a feature, upwards: ArchitectureTest must catch it (test tree only). */
class ArchFixtureKitUsingAFeature {
    CustomerService upwards;
}
