package app.regulars.survey;

/** One option of a choice question; {@code id} is null before it is saved. */
public record Choice(Long id, String label, String labelZh) {
    public String label(boolean chinese) {
        return chinese && labelZh != null && !labelZh.isBlank() ? labelZh : label;
    }
}
