package app.regulars.survey;

/** What a survey's headline score measures: NPS (0-10), CSAT (1-5), or neither. */
public enum SurveyKind {
    NPS, CSAT, CUSTOM;

    /** The kind a survey gets from its first score question's scale. */
    public static SurveyKind ofScale(Integer min, Integer max) {
        if (min == null || max == null) {
            return CUSTOM;
        }
        if (min == 0 && max == 10) {
            return NPS;
        }
        if (min == 1 && max == 5) {
            return CSAT;
        }
        return CUSTOM;
    }
}
