package app.regulars.app;

import app.regulars.customer.CustomerFeature;
import app.regulars.feature.Feature;
import app.regulars.followup.FollowUpFeature;
import app.regulars.insight.InsightFeature;
import app.regulars.membership.MembershipFeature;
import app.regulars.survey.SurveyFeature;

import java.util.List;

/**
 * Every feature of the app. Registering a feature is one line here; the window, the start of
 * the day and the command line iterate over this list, in this order (a page may ask for
 * another place in the navigation). Insights come last: they read what the others wrote,
 * today's start-of-day jobs included.
 */
public final class Features {
    private Features() {
    }

    /** New, unopened features (a feature object lives as long as one opened store). */
    public static List<Feature> create() {
        return List.of(
                new CustomerFeature(),
                new FollowUpFeature(),
                new MembershipFeature(),
                new SurveyFeature(),
                new InsightFeature());
    }
}
