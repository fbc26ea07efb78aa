package app.regulars.membership;

import app.regulars.customer.CustomersPage;
import app.regulars.app.AppContext;
import app.regulars.customer.Customer;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import app.regulars.fx.FxTaskRunner;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;

import static app.regulars.testing.Fx.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The membership views driven like a user would, on a real store, headless. */
@ExtendWith(ApplicationExtension.class)
class MembershipViewsTest {
    @TempDir
    static Path base;
    private static int counter;

    private AppContext context;
    private FxTaskRunner runner;
    private Stage stage;
    private Shell shell;
    private long xiaoming;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        context = TestStores.open(base.resolve("store" + (++counter)));
        TestStores.addKnownCustomers(context.customers());
        xiaoming = context.customers().byCode("000001").map(Customer::id).orElseThrow();
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        showShell(Locale.ENGLISH);
        stage.show();
    }

    private void showShell(Locale locale) {
        shell = Fx.showShell(stage, context, runner, locale, Theme.LIGHT);
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }


    private String label(FxRobot robot, String id) {
        return ((Label) robot.lookup(id).query()).getText();
    }

    private void openMembershipTab(FxRobot robot, String title) {
        robot.interact(() -> shell.page(CustomersPage.class).openProfile(xiaoming));
        waitUntil(() -> robot.lookup("#profileName").tryQuery().isPresent());
        robot.interact(() -> {
            for (Node n : robot.lookup(".tab-pane").queryAll()) {
                TabPane tp = (TabPane) n;
                for (Tab t : tp.getTabs()) {
                    if (title.equals(t.getText())) {
                        tp.getSelectionModel().select(t);
                    }
                }
            }
        });
        waitUntil(() -> robot.lookup("#membershipAmount").tryQuery().map(Node::isVisible).orElse(false));
    }

    @Test
    void recordEditAndVoidAPurchaseByKeyboard(FxRobot robot) {
        context.membership().recordPurchase(xiaoming, LocalDateTime.of(2026, 10, 3, 15, 30), new BigDecimal("880.00"), "龙井 半斤");
        openMembershipTab(robot, "Purchases & points");
        TableView<?> table = robot.lookup("#purchaseTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 1);

        robot.clickOn("#membershipAmount").write("-5").type(KeyCode.ENTER);
        waitUntil(() -> !label(robot, "#membershipError").isEmpty());
        assertThat(label(robot, "#membershipError")).contains("cannot be negative");
        assertThat(table.getItems()).hasSize(1);

        robot.doubleClickOn("#membershipAmount").eraseText(2).write("128.50");
        robot.clickOn("#membershipNote").write("Tea cups").type(KeyCode.ENTER);
        waitUntil(() -> table.getItems().size() == 2);
        assertThat(label(robot, "#membershipStatus")).isEqualTo("Purchase recorded: +128 points.");
        waitUntil(() -> label(robot, "#membershipTier").equals("Silver"));
        assertThat(label(robot, "#membershipBalance")).startsWith("1,008 points");
        assertThat(label(robot, "#purchaseTotals")).isEqualTo("2 purchases, total CN¥1,008.50");
        Screenshots.save(stage.getScene(), "membership-profile-en");

        robot.interact(() -> {
            table.getSelectionModel().select(0);
            table.requestFocus(); // (a click on the table's middle would pick whichever row is there)
        });
        robot.type(KeyCode.ENTER);
        assertThat(((javafx.scene.control.TextField) robot.lookup("#membershipAmount").query()).getText()).isEqualTo("128.50");
        robot.eraseText(6).write("100").type(KeyCode.ENTER);
        waitUntil(() -> label(robot, "#membershipStatus").equals("Purchase changed."));
        assertThat(context.membership().balance(xiaoming)).isEqualTo(980);
        assertThat(context.membership().tierOf(xiaoming).name()).isEqualTo("Bronze");

        robot.interact(() -> table.getSelectionModel().select(1));
        robot.clickOn("#purchaseVoid");
        waitUntil(() -> robot.lookup("#voidReason").tryQuery().isPresent());
        robot.clickOn("#voidReason").write("wrong customer").type(KeyCode.ENTER);
        try {
            waitUntil(() -> label(robot, "#membershipStatus").startsWith("Purchase voided"));
        } catch (AssertionError e) {
            throw new AssertionError("status " + label(robot, "#membershipStatus") + " error " + label(robot, "#membershipError"), e);
        }
        assertThat(context.membership().balance(xiaoming)).isEqualTo(100);
        assertThat(context.membership().totals(xiaoming).count()).isEqualTo(1);
    }

    @Test
    void theShellExpiresDuePointsAndIssuesBirthdayCouponsWhenItStarts(FxRobot robot) {
        MembershipService m = context.membership();
        m.settings().setExpiryMonths(12);
        m.recordPurchase(xiaoming, LocalDateTime.of(2025, 11, 1, 10, 0), new BigDecimal("100.00"), null); // due 2026-11-01
        long lin = context.customers().save(Customer.builder().name("林芳").birthday(app.regulars.customer.Birthday.solar(java.time.LocalDate.of(1990, 11, 26)))
                .consent(new app.regulars.customer.Consent(true, java.time.LocalDate.of(2025, 3, 1), java.util.Set.of())).build()).id();
        assertThat(m.balance(xiaoming)).isEqualTo(100);
        robot.interact(() -> showShell(Locale.ENGLISH));
        waitUntil(() -> m.balance(xiaoming) == 0);
        assertThat(m.ledger(xiaoming, 5).get(0).kind()).isEqualTo(PointKind.EXPIRED);
        waitUntil(() -> !m.coupons(lin).isEmpty());
        assertThat(m.coupons(lin).get(0).kind()).isEqualTo(CouponKind.BIRTHDAY);
    }

    @Test
    void profileTabInChinese(FxRobot robot) {
        context.membership().recordPurchase(xiaoming, LocalDateTime.of(2026, 9, 1, 11, 0), new BigDecimal("1200.00"), "普洱 一饼");
        context.membership().recordPurchase(xiaoming, LocalDateTime.of(2026, 11, 2, 16, 0), new BigDecimal("66.00"), "茶点");
        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        openMembershipTab(robot, "消费与积分");
        waitUntil(() -> label(robot, "#membershipTier").equals("银卡"));
        assertThat(label(robot, "#purchaseTotals")).isEqualTo("共 2 笔消费，合计 ¥1,266.00");
        Screenshots.save(stage.getScene(), "membership-profile-zh");
    }

    @Test
    void ctrlPOpensTheQuickPurchaseBoxThatFindsByPinyin(FxRobot robot) {
        robot.clickOn("#customerTable");
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#quickFind").tryQuery().isPresent());
        robot.clickOn("#quickFind").write("wxm");
        waitUntil(() -> label(robot, "#quickSelected").equals("For 王小明 (000001)"));
        robot.clickOn("#quickAmount").write("12,5x").type(KeyCode.ENTER);
        waitUntil(() -> !label(robot, "#quickError").isEmpty());
        assertThat(label(robot, "#quickError")).isEqualTo("\u201c12,5x\u201d is not an amount. Type a number such as 128.50.");
        robot.doubleClickOn("#quickAmount").eraseText(5).write("1,250");
        robot.clickOn("#quickNote").write("铁观音").type(KeyCode.ENTER);
        waitUntil(() -> label(robot, "#quickStatus").equals("Recorded for 王小明: +1,250 points."));
        assertThat(context.membership().balance(xiaoming)).isEqualTo(1250);
        assertThat(context.membership().tierOf(xiaoming).name()).isEqualTo("Silver");
        // the customer list's tier column (a ListColumn of this feature) follows
        robot.interact(() -> shell.page(CustomersPage.class).refresh());
        waitUntil(() -> robot.lookup("#customerTable .table-row-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.TableRow<?>) n).filter(r -> r.getItem() != null)
                .map(r -> ((app.regulars.customer.CustomerRow) r.getItem()))
                .anyMatch(r -> r.nameProperty().get().equals("王小明") && r.extraProperty(0).get().equals("Silver")));
        robot.clickOn("#quickFind").write("alice");
        waitUntil(() -> label(robot, "#quickSelected").startsWith("For Alice Smith"));
        // the phone as people write it, not as stored (+16502530000)
        assertThat(robot.lookup("#quickMatches .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .map(javafx.scene.control.ListCell::getText).filter(java.util.Objects::nonNull).toList())
                .containsExactly("Alice Smith   000003   +1 650-253-0000");
        Screenshots.save(robot.lookup("#quickFind").query().getScene(), "membership-quick-purchase-en");
        robot.type(KeyCode.ESCAPE);
    }

    /** Selects all of a field by keyboard and types over it. */
    private void setText(FxRobot robot, String id, String text) {
        robot.clickOn(id).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(text);
    }

    private void fillMembers() {
        MembershipService m = context.membership();
        m.settings().setExpiryMonths(12);
        long xiaoyan = context.customers().byCode("000002").map(Customer::id).orElseThrow();
        long alice = context.customers().byCode("000003").map(Customer::id).orElseThrow();
        m.recordPurchase(xiaoming, LocalDateTime.of(2026, 6, 1, 10, 0), new BigDecimal("950.00"), null);
        m.recordPurchase(xiaoyan, LocalDateTime.of(2025, 12, 1, 10, 0), new BigDecimal("1100.00"), null);
        m.recordPurchase(alice, LocalDateTime.of(2025, 12, 10, 10, 0), new BigDecimal("300.00"), null);
    }

    @SuppressWarnings("unchecked")
    private TableView<MemberRow> watch(FxRobot robot, MembersViewModel.Watch w) {
        return (TableView<MemberRow>) robot.lookup("#watch" + w.name()).query();
    }

    @Test
    void membersPageShowsTiersAndWatchListsAndSavesTierSettings(FxRobot robot) {
        fillMembers();
        robot.clickOn("#navMembers");
        TableView<?> summary = robot.lookup("#tierSummary").queryTableView();
        waitUntil(() -> summary.getItems().size() == 4 && ((TierSummary) summary.getItems().get(1)).members() == 1);
        assertThat(((TierSummary) summary.getItems().get(0)).members()).isEqualTo(2); // 王小明 and Alice; 张伟 is archived
        assertThat(watch(robot, MembersViewModel.Watch.CLOSE_TO_NEXT).getItems()).extracting(MemberRow::name).containsExactly("王小明");
        assertThat(watch(robot, MembersViewModel.Watch.ABOUT_TO_DROP).getItems()).extracting(MemberRow::name).containsExactly("曾晓燕");
        assertThat(watch(robot, MembersViewModel.Watch.EXPIRING).getItems()).extracting(MemberRow::name).containsExactly("曾晓燕", "Alice Smith");
        Screenshots.save(stage.getScene(), "membership-members-en");

        robot.clickOn("Tier settings");
        waitUntil(() -> robot.lookup("#tierThreshold2").tryQuery().isPresent());
        setText(robot, "#tierThreshold2", "800");
        robot.clickOn("#tierSave");
        try {
            waitUntil(() -> !label(robot, "#membersError").isEmpty());
        } catch (AssertionError e) {
            throw new AssertionError("status " + label(robot, "#membersStatus") + " threshold "
                    + ((javafx.scene.control.TextField) robot.lookup("#tierThreshold2").query()).getText(), e);
        }
        assertThat(label(robot, "#membersError")).isEqualTo("The threshold of \u201cGold\u201d must be above that of \u201cSilver\u201d.");
        assertThat(context.membership().tiers().get(2).threshold()).isEqualByComparingTo("5000");

        setText(robot, "#tierThreshold2", "5000");
        setText(robot, "#birthdayAmount", "-5");
        robot.clickOn("#tierSave");
        waitUntil(() -> label(robot, "#membersError").startsWith("The amount cannot be negative"));

        setText(robot, "#birthdayAmount", "25");
        setText(robot, "#birthdayDays", "10");
        robot.clickOn("#birthdayAuto");
        setText(robot, "#tierName1", "Jade");
        setText(robot, "#tierThreshold1", "900");
        robot.clickOn("#tierSave");
        waitUntil(() -> label(robot, "#membersStatus").startsWith("Tier settings saved"));
        assertThat(context.membership().tiers()).extracting(Tier::name).containsExactly("Bronze", "Jade", "Gold", "Platinum");
        assertThat(context.membership().settings().birthdayCouponAmount()).isEqualByComparingTo("25");
        assertThat(context.membership().settings().birthdayDaysAhead()).isEqualTo(10);
        assertThat(context.membership().settings().birthdayCouponsAutomatic()).isFalse();
        assertThat(context.membership().tierOf(xiaoming).name()).isEqualTo("Jade");
        Screenshots.save(stage.getScene(), "membership-tier-settings-en");
    }

    @Test
    void membersPageInChinese(FxRobot robot) {
        fillMembers();
        robot.interact(() -> showShell(Locale.SIMPLIFIED_CHINESE));
        robot.clickOn("#navMembers");
        TableView<?> summary = robot.lookup("#tierSummary").queryTableView();
        waitUntil(() -> summary.getItems().size() == 4 && ((TierSummary) summary.getItems().get(1)).members() == 1);
        waitUntil(() -> watch(robot, MembersViewModel.Watch.CLOSE_TO_NEXT).getItems().size() == 1);
        Screenshots.save(stage.getScene(), "membership-members-zh");
        robot.clickOn("等级设置");
        waitUntil(() -> robot.lookup("#tierThreshold2").tryQuery().isPresent());
        assertThat(((javafx.scene.control.TextField) robot.lookup("#tierName0").query()).getText()).isEqualTo("铜卡");
        Screenshots.save(stage.getScene(), "membership-tier-settings-zh");
    }

    @Test
    void aRewardAddedOnTheMembersPageIsRedeemedOnTheProfile(FxRobot robot) {
        context.membership().recordPurchase(xiaoming, null, new BigDecimal("300"), null);
        robot.clickOn("#navMembers");
        robot.clickOn("Rewards");
        robot.clickOn("#rewardName").write("Tea cup");
        robot.clickOn("#rewardCost").write("abc").type(KeyCode.ENTER);
        waitUntil(() -> !label(robot, "#membersError").isEmpty());
        assertThat(label(robot, "#membersError")).isEqualTo("A reward costs at least 1 point.");
        robot.clickOn("#rewardName").write("Tea cup");
        robot.clickOn("#rewardCost").write("200").type(KeyCode.ENTER);
        waitUntil(() -> robot.lookup("#rewardTable").queryTableView().getItems().size() == 1);

        robot.clickOn("#navCustomers");
        openMembershipTab(robot, "Purchases & points");
        robot.clickOn("Points ledger");
        robot.clickOn("#pointsRedeem");
        waitUntil(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        waitUntil(() -> label(robot, "#membershipStatus").startsWith("Redeemed \u201cTea cup\u201d for 200 points"));
        assertThat(context.membership().balance(xiaoming)).isEqualTo(100);
        assertThat(context.membership().coupons(xiaoming)).hasSize(1);
        Screenshots.save(stage.getScene(), "membership-ledger-en");
    }

    @Test
    void pointsAreAdjustedAndACouponIssuedInDialogsOwnedAndStyledByTheWindow(FxRobot robot) {
        context.membership().recordPurchase(xiaoming, null, new BigDecimal("300"), null);
        openMembershipTab(robot, "Purchases & points");
        robot.clickOn("Points ledger");
        robot.clickOn("#pointsAdjust");
        waitUntil(() -> robot.lookup("#adjustPoints").tryQuery().isPresent());
        Scene adjust = robot.lookup("#adjustPoints").query().getScene();
        assertThat(((Stage) adjust.getWindow()).getOwner()).isSameAs(stage);
        assertThat(adjust.getStylesheets()).containsExactlyElementsOf(stage.getScene().getStylesheets());
        Screenshots.save(adjust, "membership-adjust-dialog-en");
        robot.clickOn("#adjustPoints").write("+50");
        robot.clickOn("#adjustReason").write("goodwill").type(KeyCode.ENTER);
        waitUntil(() -> label(robot, "#membershipStatus").startsWith("Points adjusted"));
        assertThat(label(robot, "#membershipStatus")).isEqualTo("Points adjusted; the balance is 350.");
        assertThat(context.membership().balance(xiaoming)).isEqualTo(350);

        robot.clickOn("Coupons");
        robot.clickOn("#couponIssue");
        waitUntil(() -> robot.lookup("#couponValue").tryQuery().isPresent());
        Scene coupon = robot.lookup("#couponValue").query().getScene();
        assertThat(((Stage) coupon.getWindow()).getOwner()).isSameAs(stage);
        assertThat(coupon.getStylesheets()).containsExactlyElementsOf(stage.getScene().getStylesheets());
        robot.clickOn("#couponValue").write("20").type(KeyCode.ENTER);
        waitUntil(() -> label(robot, "#membershipStatus").startsWith("Coupon "));
        assertThat(context.membership().coupons(xiaoming)).singleElement().satisfies(c -> {
            assertThat(c.amount()).isEqualByComparingTo("20");
            assertThat(c.validUntil()).isEqualTo(TestStores.TODAY.plusDays(30));
        });
    }
}
