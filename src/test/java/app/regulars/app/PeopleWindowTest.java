package app.regulars.app;

import app.regulars.i18n.Messages;
import app.regulars.store.Role;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

import java.nio.file.Path;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real window on a store with people (decision 0033): it asks for a name and PIN before the
 * shell, says a wrong PIN, shows a staff member no Settings, no People and no export of the list,
 * lets them change their own PIN, signs out, and lets the owner add a person on the People page.
 */
class PeopleWindowTest {
    @TempDir
    Path dir;

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Labeled.class).getText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void staffSignInSeeLessAndTheOwnerAddsPeople(String language) throws Exception {
        try (AppContext ctx = TestStores.open(dir)) {
            TestStores.addKnownCustomers(ctx.customers());
            ctx.settings().put(app.regulars.store.Settings.LANGUAGE, language);
            ctx.settings().put(app.regulars.store.Settings.ONBOARDED, "yes");
            ctx.people().add("Mei", Role.OWNER, "2468".toCharArray());
            ctx.people().add("Bo", Role.STAFF, "1357".toCharArray());
        }
        Messages m = new Messages(Locale.forLanguageTag(language));
        String tag = language.equals("en") ? "en" : "zh";
        FxRobot robot = new FxRobot();
        Stage stage = FxToolkit.registerPrimaryStage();
        RegularsApp.useDataDirectory(dir);
        RegularsApp app = (RegularsApp) FxToolkit.setupApplication(RegularsApp::new);
        try {
            waitUntil(() -> robot.lookup("#signInName").tryQuery().isPresent());
            assertThat(robot.lookup("#navCustomers").tryQuery()).as("nothing of the store before the sign-in").isEmpty();
            robot.clickOn("#signInName").write("Bo");
            robot.clickOn("#signInPin").write("0000");
            Screenshots.save(stage.getScene(), "people-sign-in-" + tag);
            robot.clickOn("#signInButton");
            waitUntil(() -> !text(robot, "#signInProblem").isEmpty());
            assertThat(text(robot, "#signInProblem")).isEqualTo(m.get("people.error.signIn"));
            robot.clickOn("#signInPin").write("1357");
            robot.clickOn("#signInButton");
            waitUntil(() -> robot.lookup("#signedInAs").tryQuery().isPresent());
            assertThat(text(robot, "#signedInAs")).isEqualTo(m.get("people.signedIn", "Bo", m.get("people.role.STAFF")));
            assertThat(robot.lookup("#navSettings").tryQuery()).as("staff: no settings").isEmpty();
            assertThat(robot.lookup("#navPeople").tryQuery()).as("staff: no people").isEmpty();
            waitUntil(() -> robot.lookup("#customerMore").tryQuery().isPresent());
            MenuButton more = robot.lookup("#customerMore").queryAs(MenuButton.class);
            assertThat(more.getItems().stream().filter(i -> "exportCustomersMenu".equals(i.getId()) || "customFieldsMenu".equals(i.getId())))
                    .hasSize(2).noneMatch(MenuItem::isVisible);
            Screenshots.save(stage.getScene(), "people-staff-shell-" + tag);

            // staff change their own PIN: the current one first, a wrong one said in the dialog
            robot.clickOn("#myPin");
            waitUntil(() -> robot.lookup("#myPinCurrent").tryQuery().isPresent());
            robot.clickOn("#myPinCurrent").write("0000");
            robot.clickOn("#myPinNew").write("8642");
            robot.clickOn("#myPinAgain").write("8642");
            robot.clickOn("#myPinChange");
            waitUntil(() -> !text(robot, "#myPinProblem").isEmpty());
            assertThat(text(robot, "#myPinProblem")).isEqualTo(m.get("people.error.currentPin"));
            robot.clickOn("#myPinCurrent").write("1357");
            Screenshots.save(robot.lookup("#myPinCurrent").query().getScene(), "people-my-pin-" + tag);
            robot.clickOn("#myPinChange");
            waitUntil(() -> robot.lookup("#myPinDone").tryQuery().isPresent());
            robot.clickOn("#myPinDone");

            robot.clickOn("#signOut");
            waitUntil(() -> robot.lookup("#signInName").tryQuery().isPresent());
            robot.clickOn("#signInName").write("mei");
            robot.clickOn("#signInPin").write("2468");
            robot.clickOn("#signInButton");
            waitUntil(() -> robot.lookup("#navPeople").tryQuery().isPresent());
            assertThat(text(robot, "#signedInAs")).isEqualTo(m.get("people.signedIn", "Mei", m.get("people.role.OWNER")));
            assertThat(robot.lookup("#navSettings").tryQuery()).isPresent();
            robot.clickOn("#navPeople");
            waitUntil(() -> robot.lookup("#peopleTable").queryAs(TableView.class).getItems().size() == 2);
            robot.clickOn("#peopleNewName").write(language.equals("en") ? "Cai Wen" : "蔡文");
            robot.clickOn("#peopleNewPin").write("1111");
            robot.clickOn("#peopleAdd");
            waitUntil(() -> robot.lookup("#peopleTable").queryAs(TableView.class).getItems().size() == 3);
            assertThat(text(robot, "#peopleStatus")).isEqualTo(m.get("people.added", language.equals("en") ? "Cai Wen" : "蔡文"));
            Screenshots.save(stage.getScene(), "people-page-" + tag);
        } finally {
            FxToolkit.cleanupApplication(app);
            FxToolkit.cleanupStages();
        }
        try (AppContext ctx = TestStores.open(dir)) {
            assertThat(ctx.people().activeNames()).hasSize(3);
            assertThat(ctx.people().signIn("Bo", "8642".toCharArray()).role()).as("Bo's own new PIN").isEqualTo(Role.STAFF);
            assertThat(ctx.people().signIn(language.equals("en") ? "cai wen" : "蔡文", "1111".toCharArray()).role()).isEqualTo(Role.STAFF);
        }
    }

    /** The first start of a shared store with nobody yet: the one at the window makes themself the owner, the PIN typed twice. */
    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void theFirstPersonMakesThemselfTheOwner(String language) throws Exception {
        Messages m = new Messages(Locale.forLanguageTag(language));
        FxRobot robot = new FxRobot();
        try (AppContext ctx = TestStores.open(dir)) {
            app.regulars.store.Person[] made = new app.regulars.store.Person[1];
            FxToolkit.registerPrimaryStage();
            FxToolkit.setupStage(s -> {
                javafx.scene.Scene scene = new javafx.scene.Scene(new app.regulars.app.people.SignInView(
                        new app.regulars.app.people.SignInViewModel(ctx.people(), true, new app.regulars.fx.FxTaskRunner(), m, p -> made[0] = p),
                        m, "postgresql://shop-server:5432/regulars"), 1280, 800);
                Theme.LIGHT.apply(scene);
                s.setScene(scene);
                s.show();
            });
            waitUntil(() -> robot.lookup("#signInPinAgain").tryQuery().isPresent());
            robot.clickOn("#signInName").write("Mei");
            robot.clickOn("#signInPin").write("2468");
            robot.clickOn("#signInPinAgain").write("2469");
            robot.clickOn("#signInButton");
            waitUntil(() -> !text(robot, "#signInProblem").isEmpty());
            assertThat(text(robot, "#signInProblem")).isEqualTo(m.get("people.error.pinsDiffer"));
            robot.clickOn("#signInPin").write("2468");
            robot.clickOn("#signInPinAgain").write("2468");
            Screenshots.save(robot.lookup("#signIn").query().getScene(), "people-first-owner-" + (language.equals("en") ? "en" : "zh"));
            robot.clickOn("#signInButton");
            waitUntil(() -> made[0] != null);
            assertThat(made[0].role()).isEqualTo(Role.OWNER);
            assertThat(ctx.people().session().person()).contains(made[0]);
        } finally {
            FxToolkit.cleanupStages();
        }
    }
}
