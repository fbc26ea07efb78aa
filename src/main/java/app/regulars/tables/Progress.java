package app.regulars.tables;

/** Progress of a long import or export, for a {@code javafx.concurrent.Task} or a console. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    void update(long done, long total);
}
