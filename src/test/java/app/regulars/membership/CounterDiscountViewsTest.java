package app.regulars.membership;

import app.regulars.app.AppContext;
import app.regulars.app.Shell;
import app.regulars.app.Theme;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomersPage;
import app.regulars.fx.FxTaskRunner;
import app.regulars.testing.Fx;
import app.regulars.testing.Screenshots;
import app.regulars.testing.TestStores;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
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
import static app.regulars.testing.TestStores.TODAY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupons and the member discount at the counter (issue 12, items 1 and 2), driven like a user
 * would: in the Ctrl+P box and on the profile's purchase form, choose a coupon, see what is left
 * to pay before saving, save, see the coupon used.
 */
@ExtendWith(ApplicationExtension.class)
class CounterDiscountViewsTest {
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
        // 王小明 is a Gold member (10 % off): 5,000 spent two months ago
        context.membership().recordPurchase(xiaoming, LocalDateTime.of(2026, 9, 20, 15, 0), new BigDecimal("5000.00"), "普洱 礼盒");
        runner = new FxTaskRunner();
        stage.setScene(new Scene(new Label(), Screenshots.WIDTH, Screenshots.HEIGHT));
        shell = Fx.showShell(stage, context, runner, Locale.ENGLISH, Theme.LIGHT);
        stage.show();
    }

    @AfterEach
    void close() {
        runner.close();
        context.close();
    }

    private String text(FxRobot robot, String id) {
        return ((Labeled) robot.lookup(id).query()).getText();
    }

    private Coupon issue(String amount, String percent) {
        return context.membership().issueCoupon(xiaoming, amount == null ? null : new BigDecimal(amount),
                percent == null ? null : new BigDecimal(percent), TODAY.minusDays(2), TODAY.plusDays(8), null);
    }

    /** Selects all of a field by keyboard and types over it. */
    private void setText(FxRobot robot, String id, String text) {
        robot.clickOn(id).press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(text);
    }

    private Coupon stored(long id) {
        return context.membership().coupons(xiaoming).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
    }

    /** Opens the combo box and clicks the entry of the coupon with this code, as a user picks it. */
    private void choose(FxRobot robot, String comboId, String code) {
        @SuppressWarnings("unchecked")
        ComboBox<PriceEntry.Choice> combo = (ComboBox<PriceEntry.Choice>) robot.lookup(comboId).query();
        waitUntil(() -> combo.getItems().stream().anyMatch(c -> c.coupon() != null && c.coupon().code().equals(code)));
        robot.clickOn(combo);
        waitUntil(() -> robot.lookup(".list-cell").queryAll().stream()
                .anyMatch(n -> n.isVisible() && ((Labeled) n).getText() != null && ((Labeled) n).getText().startsWith(code)));
        Node cell = robot.lookup(".list-cell").queryAll().stream()
                .filter(n -> n.isVisible() && ((Labeled) n).getText() != null && ((Labeled) n).getText().startsWith(code))
                .filter(n -> n.getScene() != combo.getScene()).findFirst().orElseThrow();
        robot.clickOn(cell);
        waitUntil(() -> combo.getValue() != null && combo.getValue().coupon() != null && combo.getValue().coupon().code().equals(code));
    }

    private void openQuickPurchase(FxRobot robot, String query, String selected) {
        robot.clickOn("#customerTable");
        robot.press(KeyCode.CONTROL, KeyCode.P).release(KeyCode.P, KeyCode.CONTROL);
        waitUntil(() -> robot.lookup("#quickFind").tryQuery().isPresent());
        robot.clickOn("#quickFind").write(query);
        waitUntil(() -> text(robot, "#quickSelected").equals(selected));
    }

    @Test
    void theQuickPurchaseBoxTakesOffTheMemberDiscountAndTheCouponChosenAndUsesIt(FxRobot robot) {
        Coupon twenty = issue("20", null);
        openQuickPurchase(robot, "wxm", "For 王小明 (000001)");
        waitUntil(() -> robot.lookup("#quickMemberDiscount").query().isVisible());
        CheckBox member = robot.lookup("#quickMemberDiscount").queryAs(CheckBox.class);
        assertThat(member.getText()).isEqualTo("Gold member discount \u221210 %");
        assertThat(member.isSelected()).isTrue();
        assertThat(text(robot, "#quickToPay")).isEmpty();

        robot.clickOn("#quickAmount").write("200");
        assertThat(text(robot, "#quickToPay")).isEqualTo("Amount CN\u00a5200.00 \u00b7 Gold member \u221210 % \u00b7 To pay CN\u00a5180.00");
        choose(robot, "#quickCoupon", twenty.code());
        assertThat(text(robot, "#quickToPay"))
                .isEqualTo("Amount CN\u00a5200.00 \u00b7 Gold member \u221210 % \u00b7 Coupon \u2212CN\u00a520.00 \u00b7 To pay CN\u00a5160.00");
        robot.clickOn("#quickMemberDiscount");
        assertThat(text(robot, "#quickToPay")).isEqualTo("Amount CN\u00a5200.00 \u00b7 Coupon \u2212CN\u00a520.00 \u00b7 To pay CN\u00a5180.00");
        robot.clickOn("#quickMemberDiscount");
        setText(robot, "#quickAmount", "15");
        assertThat(text(robot, "#quickToPay")) // the coupon is worth more than what is left: nothing to pay, never less
                .isEqualTo("Amount CN\u00a515.00 \u00b7 Gold member \u221210 % \u00b7 Coupon \u2212CN\u00a513.50 \u00b7 To pay CN\u00a50.00");
        setText(robot, "#quickAmount", "-5");
        assertThat(text(robot, "#quickToPay")).isEmpty();
        setText(robot, "#quickAmount", "200");
        Screenshots.save(robot.lookup("#quickFind").query().getScene(), "membership-quick-coupon-en");
        assertThat(context.membership().purchases(xiaoming, 10)).hasSize(1); // nothing saved yet

        robot.clickOn("#quickRecord");
        waitUntil(() -> text(robot, "#quickStatus").equals("Recorded for 王小明: CN\u00a5160.00 paid, +160 points."));
        Purchase p = context.membership().purchases(xiaoming, 1).getFirst();
        assertThat(p.amount()).isEqualByComparingTo("160.00");
        assertThat(p.amountBefore()).isEqualByComparingTo("200.00");
        assertThat(p.couponCode()).isEqualTo(twenty.code());
        assertThat(stored(twenty.id()).purchaseId()).isEqualTo(p.id());
        // the box is empty for the next customer
        @SuppressWarnings("unchecked")
        ComboBox<PriceEntry.Choice> combo = (ComboBox<PriceEntry.Choice>) robot.lookup("#quickCoupon").query();
        assertThat(combo.getValue()).isEqualTo(PriceEntry.NONE);
        // the coupon is used: 王小明 has none left to choose
        robot.clickOn("#quickFind").write("wxm");
        waitUntil(() -> text(robot, "#quickSelected").equals("For 王小明 (000001)"));
        waitUntil(() -> robot.lookup("#quickMemberDiscount").query().isVisible());
        assertThat(combo.getItems()).containsExactly(PriceEntry.NONE);
        assertThat(combo.isDisabled()).isTrue();
        assertThat(combo.getButtonCell().getText()).isEqualTo("No valid coupon");
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void theQuickPurchaseBoxInChinese(FxRobot robot) {
        Coupon tenPercent = issue(null, "10");
        robot.interact(() -> shell = Fx.showShell(stage, context, runner, Locale.SIMPLIFIED_CHINESE, Theme.LIGHT));
        openQuickPurchase(robot, "wxm", "顾客：王小明（000001）");
        waitUntil(() -> robot.lookup("#quickMemberDiscount").query().isVisible());
        assertThat(robot.lookup("#quickMemberDiscount").queryAs(CheckBox.class).getText()).isEqualTo("金卡会员折扣 \u221210%");
        robot.clickOn("#quickAmount").write("200");
        choose(robot, "#quickCoupon", tenPercent.code());
        assertThat(text(robot, "#quickToPay")).isEqualTo("金额 \u00a5200.00 \u00b7 金卡会员 \u221210% \u00b7 优惠券 \u2212\u00a518.00 \u00b7 应付 \u00a5162.00");
        Screenshots.save(robot.lookup("#quickFind").query().getScene(), "membership-quick-coupon-zh");
        robot.clickOn("#quickRecord");
        waitUntil(() -> text(robot, "#quickStatus").equals("已为王小明记录消费：实付 \u00a5162.00，+162 积分。"));
        assertThat(stored(tenPercent.id()).status(TODAY)).isEqualTo(Coupon.Status.USED);
        robot.type(KeyCode.ESCAPE);
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

    private boolean cellShows(FxRobot robot, String tableId, String text) {
        return robot.lookup(tableId + " .table-cell").queryAll().stream().anyMatch(n -> text.equals(((Labeled) n).getText()));
    }

    @Test
    void theProfilesPurchaseFormUsesACouponAndVoidingGivesItBack(FxRobot robot) {
        Coupon tenPercent = issue(null, "10");
        Coupon five = issue("5", null);
        openMembershipTab(robot, "Purchases & points");
        TableView<?> purchases = robot.lookup("#purchaseTable").queryTableView();
        waitUntil(() -> purchases.getItems().size() == 1);
        waitUntil(() -> robot.lookup("#membershipMemberDiscount").query().isVisible());
        assertThat(robot.lookup("#membershipMemberDiscount").queryAs(CheckBox.class).getText()).isEqualTo("Gold member discount \u221210 %");

        robot.clickOn("#membershipAmount").write("200");
        choose(robot, "#membershipCoupon", tenPercent.code());
        assertThat(text(robot, "#membershipToPay"))
                .isEqualTo("Amount CN\u00a5200.00 \u00b7 Gold member \u221210 % \u00b7 Coupon \u2212CN\u00a518.00 \u00b7 To pay CN\u00a5162.00");
        robot.clickOn("#membershipNote").write("龙井 二两");
        Screenshots.save(stage.getScene(), "membership-profile-coupon-en");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> text(robot, "#membershipStatus").equals("Purchase recorded: CN\u00a5162.00 paid, +162 points."));
        waitUntil(() -> purchases.getItems().size() == 2);
        // the summary row above the tabs follows: 5,000 + 162 points
        waitUntil(() -> robot.lookup("#profileSummary .label").queryAll().stream().anyMatch(n -> "5,162".equals(((Labeled) n).getText())));
        assertThat(cellShows(robot, "#purchaseTable", "CN\u00a5162.00")).isTrue();
        assertThat(cellShows(robot, "#purchaseTable", "CN\u00a5200.00")).isTrue(); // before discounts
        Purchase p = context.membership().purchases(xiaoming, 1).getFirst();
        assertThat(p.couponCode()).isEqualTo(tenPercent.code());
        assertThat(p.memberDiscount()).isEqualByComparingTo("20.00");
        @SuppressWarnings("unchecked")
        ComboBox<PriceEntry.Choice> combo = (ComboBox<PriceEntry.Choice>) robot.lookup("#membershipCoupon").query();
        waitUntil(() -> combo.getItems().size() == 2); // the 5.00 coupon is left
        assertThat(combo.getValue()).isEqualTo(PriceEntry.NONE);
        waitUntil(() -> "No coupon".equals(combo.getButtonCell().getText()));
        Screenshots.save(stage.getScene(), "membership-profile-discounted-en");
        assertThat(text(robot, "#membershipToPay")).isEmpty();

        robot.clickOn("Coupons");
        waitUntil(() -> cellShows(robot, "#couponTable", "Used (purchase " + p.id() + ")"));
        assertThat(cellShows(robot, "#couponTable", "Unused")).isTrue();
        Screenshots.save(stage.getScene(), "membership-profile-coupons-en");

        robot.clickOn("Purchases");
        robot.interact(() -> purchases.getSelectionModel().select(0));
        robot.clickOn("#purchaseVoid");
        waitUntil(() -> robot.lookup("#voidReason").tryQuery().isPresent());
        assertThat(robot.lookup(".dialog-pane .header-panel .label").queryAll().stream().map(n -> ((Labeled) n).getText()).toList())
                .anySatisfy(h -> assertThat(h).contains("The coupon " + tenPercent.code() + " is given back, unused."));
        robot.clickOn("#voidReason").write("wrong customer").type(KeyCode.ENTER);
        waitUntil(() -> text(robot, "#membershipStatus").startsWith("Purchase voided"));
        assertThat(stored(tenPercent.id()).status(TODAY)).isEqualTo(Coupon.Status.UNUSED);
        waitUntil(() -> combo.getItems().size() == 3); // both coupons can be chosen again
        robot.clickOn("Coupons");
        waitUntil(() -> robot.lookup("#couponTable .table-cell").queryAll().stream()
                .filter(n -> "Unused".equals(((Labeled) n).getText())).count() == 2);
        assertThat(stored(five.id()).status(TODAY)).isEqualTo(Coupon.Status.UNUSED);
    }

    @Test
    void theProfilesPurchaseFormInChinese(FxRobot robot) {
        Coupon twenty = issue("20", null);
        robot.interact(() -> shell = Fx.showShell(stage, context, runner, Locale.SIMPLIFIED_CHINESE, Theme.LIGHT));
        openMembershipTab(robot, "消费与积分");
        waitUntil(() -> robot.lookup("#membershipMemberDiscount").query().isVisible());
        robot.clickOn("#membershipAmount").write("200");
        choose(robot, "#membershipCoupon", twenty.code());
        robot.clickOn("#membershipNote").write("龙井 二两");
        assertThat(text(robot, "#membershipToPay")).isEqualTo("金额 \u00a5200.00 \u00b7 金卡会员 \u221210% \u00b7 优惠券 \u2212\u00a520.00 \u00b7 应付 \u00a5160.00");
        Screenshots.save(stage.getScene(), "membership-profile-coupon-zh");
        robot.clickOn("#membershipRecord");
        waitUntil(() -> text(robot, "#membershipStatus").equals("已记录消费：实付 \u00a5160.00，+160 积分。"));
        robot.clickOn("优惠券");
        waitUntil(() -> cellShows(robot, "#couponTable", "已使用（消费记录 " + context.membership().purchases(xiaoming, 1).getFirst().id() + "）"));
    }
}
