package app.regulars.survey;

/** A survey as lists show it. */
public record SurveySummary(long id, SurveyKind kind, String name, String nameZh, int version, long responses) {
    public String name(boolean chinese) {
        return chinese && nameZh != null && !nameZh.isBlank() ? nameZh : name;
    }
}
