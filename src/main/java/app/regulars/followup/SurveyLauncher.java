package app.regulars.followup;

/**
 * Opens the survey entry for a follow-up's customer (after a visit or call). The follow-up
 * feature knows nothing of surveys: the shell hands in what opens them.
 */
@FunctionalInterface
public interface SurveyLauncher {
    void open(long customerId, String customerName);
}
