package app.regulars.membership;

import app.regulars.customer.CustomerService;
import app.regulars.customer.ListColumn;
import app.regulars.customer.ProfileSection;
import app.regulars.customer.ProfileSummary;
import app.regulars.feature.Commands;
import app.regulars.feature.Feature;
import app.regulars.feature.Lazy;
import app.regulars.feature.Page;
import app.regulars.feature.Services;
import app.regulars.feature.Shortcut;
import app.regulars.feature.Ui;
import app.regulars.i18n.Messages;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Membership: purchases, points, tiers, rewards and coupons. Adds the purchases tab to a
 * profile, tier, points and 12-month spend to its summary row, the tier column to the
 * customer list, Ctrl+P for a purchase, and the members page.
 */
public final class MembershipFeature implements Feature {
    /** The purchases tab comes first among the tabs other features add to a profile. */
    static final int SECTION_POSITION = 10;

    private MembershipService membership;
    private CustomerService customers;
    private app.regulars.customer.ImportUndoService undo;

    @Override
    public void open(Services services) {
        customers = services.get(CustomerService.class);
        membership = new MembershipService(services.get(Database.class),
                new MembershipSettings(services.get(Settings.class), services.get(Locale.class)), services.get(Clock.class));
        services.put(MembershipService.class, membership);
        // A customer's purchases, points, coupons and tier history in their privacy requests (decision 0021).
        services.get(app.regulars.customer.PrivacyService.class).add(new MembershipPersonalData(membership, new MembershipRepository()));
        // The others' purchases, points, coupons and tier history in a merge of customers, the kept one's tier after (decision 0025).
        services.get(app.regulars.customer.MergeService.class).add(new MembershipMerge(new MembershipRepository(), membership.tierRepository()));
        // Its files in the shop's export (decision 0026).
        services.get(app.regulars.store.ShopArchive.class).add(new app.regulars.store.ShopArchive.Part("membership", MembershipRepository.archiveTables()));
        membership.undoInterruptedImport(); // a purchase import or sample history killed half-way (decision 0012)
        customers.addActivity(new MembershipActivity()); // a purchase since an import stops its undo (decision 0024)
        // Imports of purchases are recorded and undone through the customer feature's undo of the last import.
        undo = services.get(app.regulars.customer.ImportUndoService.class);
        undo.setPurchaseImports(new PurchaseImportUndo(membership, customers));
        membership.recordImportsIn(undo);
    }

    /** Points that are due expire, the 12-month totals move to today, birthday coupons are issued. */
    @Override
    public void startOfDay(Services services, Messages messages) {
        membership.startOfDay();
    }

    @Override
    public void contribute(Ui ui) {
        ui.extensions().add(app.regulars.tables.MappedImport.class, SECTION_POSITION,
                new PurchaseImport(membership, customers.phones(), undo, ui.messages()));
        ui.extensions().add(ProfileSection.class, SECTION_POSITION,
                ProfileSection.lazy(() -> new MembershipSection(membership, ui.runner(), ui.messages())));
        ui.extensions().add(ListColumn.class, SECTION_POSITION, new TierListColumn(membership, ui.messages()));
        ui.extensions().add(ProfileSummary.class, SECTION_POSITION, new MembershipSummary(membership, ui.messages()));
        ui.extensions().add(Shortcut.class, SECTION_POSITION, new Shortcut(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), () -> {
            QuickPurchaseDialog box = new QuickPurchaseDialog(customers, membership, ui.runner(), ui.messages(), ui.window().get());
            box.stage().setOnHidden(e -> ui.dataChanged().run());
            box.show();
        }));
    }

    @Override
    public Optional<Page> page(Ui ui) {
        Lazy<MembersPage> members = new Lazy<>(() -> new MembersPage(membership, ui.runner(), ui.messages())); // built when first shown
        return Optional.of(new Page() {
            @Override
            public String navId() {
                return "navMembers";
            }

            @Override
            public String title() {
                return ui.messages().get("membership.nav");
            }

            @Override
            public Ikon icon() {
                return MaterialDesignC.CARD_ACCOUNT_DETAILS_STAR;
            }

            @Override
            public Node node() {
                return members.get();
            }

            @Override
            public void refresh() {
                members.get().refresh();
            }
        });
    }

    @Override
    public Commands commands() {
        return new Commands(List.of(MembershipCommands.Tiers.class, MembershipCommands.Points.class, MembershipCommands.Coupons.class),
                List.of(MembershipCommands.ImportPurchases.class), List.of(MembershipCommands.ExportPurchases.class));
    }
}
