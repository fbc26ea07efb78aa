package app.regulars.fx;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What waits on a moment of the start runs once it is reached, or at once when it already was. */
class MilestonesTest {
    @Test
    void anActionWaitsForItsMilestoneAndRunsOnce() {
        List<String> ran = new ArrayList<>();
        Milestones.whenReached("test-first", () -> ran.add("waited"));
        assertThat(ran).isEmpty();
        assertThat(Milestones.reached("test-first")).isFalse();
        Milestones.reach("test-first");
        Milestones.reach("test-first");
        assertThat(ran).containsExactly("waited");
        Milestones.whenReached("test-first", () -> ran.add("at once"));
        assertThat(ran).containsExactly("waited", "at once");
    }
}
