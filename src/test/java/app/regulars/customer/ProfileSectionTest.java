package app.regulars.customer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Other features' sections of a profile are made when the profile first asks for them, not with the shell. */
class ProfileSectionTest {
    @Test
    void aLazySectionIsMadeOnceWhenFirstAskedAndThenAnswersAsItself() {
        List<String> told = new ArrayList<>();
        int[] made = {0};
        ProfileSection section = ProfileSection.lazy(() -> {
            made[0]++;
            return new ProfileSection() {
                @Override
                public String title() {
                    return "Purchases & points";
                }

                @Override
                public javafx.scene.Node node() {
                    throw new AssertionError("not asked here");
                }

                @Override
                public void show(Customer customer) {
                    told.add("show " + customer.name());
                }

                @Override
                public void whenChanged(Runnable changed) {
                    told.add("whenChanged");
                    changed.run();
                }
            };
        });
        assertThat(made[0]).as("nothing made with the shell").isZero();
        assertThat(section.title()).isEqualTo("Purchases & points");
        assertThat(made[0]).isEqualTo(1);
        int[] changed = {0};
        section.whenChanged(() -> changed[0]++);
        section.show(new Customer(7L, "C0000007", "王小明", null, null, List.of(), null, null, null, null, null, null, List.of(), null, null,
                null, false, null, null, null, null, 0));
        assertThat(told).containsExactly("whenChanged", "show 王小明");
        assertThat(changed[0]).isEqualTo(1);
        assertThat(made[0]).as("made once").isEqualTo(1);
    }
}
