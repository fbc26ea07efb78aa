package app.regulars.customer;

import app.regulars.feature.Commands;
import app.regulars.feature.Feature;
import app.regulars.feature.Page;
import app.regulars.feature.Services;
import app.regulars.feature.Ui;
import app.regulars.store.Database;
import app.regulars.store.ShopArchive;
import javafx.scene.Node;
import javafx.scene.Scene;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Customers: the list, profiles and the editor; search; the customer CSV. Other features add
 * tabs to a profile ({@link ProfileSection}), facts to its summary row ({@link ProfileSummary}),
 * columns to the list ({@link ListColumn}) and filters to it ({@link ListFilter}); they open the
 * list narrowed to a filter through the {@link CustomerListLink} this feature adds.
 */
public final class CustomerFeature implements Feature {
    /** The customer list's navigation button. */
    public static final String NAV_ID = "navCustomers";

    private CustomerService customers;
    private ImportUndoService undo;
    /** The page, once made: what {@link CustomerListLink} opens. */
    private CustomersPage shownPage;
    /** Customers on the import window's mapping screen: the Customers page's "Import…" and the window's Import menu. */
    private CustomerImport customerImport;

    @Override
    public void open(Services services) {
        customers = new CustomerService(services.get(Database.class), new CustomerRepository(),
                PhoneNumbers.forLocale(services.get(Locale.class)), services.get(Clock.class));
        customers.undoInterruptedFill(); // a demo, sample fill or import killed half-way (decisions 0007, 0024)
        services.put(CustomerService.class, customers);
        undo = new ImportUndoService(customers);
        undo.finishInterrupted(); // an undo of an import killed half-way (decision 0024)
        services.put(ImportUndoService.class, undo);
        // The features opened after this one add their part of a customer's data to it (decision 0021).
        services.put(PrivacyService.class, new PrivacyService(services.get(Database.class), customers, new CustomerRepository(),
                services.get(Clock.class)));
        // ... and their part of a merge of customers: each moves its own records (decision 0025).
        services.put(MergeService.class, new MergeService(services.get(Database.class), customers, new CustomerRepository(),
                new MergeRepository(), services.get(Clock.class)));
        customers.addActivity(new MergeActivity(new MergeRepository())); // a merge since an import stops its undo (decision 0024)
        // Its files in the shop's export (decision 0026); an import makes the search texts again.
        services.get(ShopArchive.class).add(new ShopArchive.Part("customer", CustomerRepository.archiveTables(),
                List.of(CustomerRepository.codeSequence()), customers::rebuildSearchTexts));
    }

    /** Lets other features open the list narrowed to a set of customers (a chart's bar). */
    @Override
    public void contribute(Ui ui) {
        customerImport = new CustomerImport(customers, undo, ui.messages());
        ui.extensions().add(app.regulars.tables.MappedImport.class, 0, customerImport);
        ui.extensions().add(CustomerListLink.class, 0, filter -> {
            if (shownPage != null) {
                ui.navigate().accept(NAV_ID);
                shownPage.showFiltered(filter);
            }
        });
    }

    @Override
    public Optional<Page> page(Ui ui) {
        CustomersPage page = new CustomersPage(customers, ui.runner(), ui.messages(),
                ui.extensions().all(ProfileSection.class), ui.extensions().all(ListColumn.class),
                ui.extensions().all(ProfileSummary.class), ui.extensions().all(ListFilter.class),
                ui.services().find(PrivacyService.class).orElse(null), ui.services().find(MergeService.class).orElse(null));
        page.setDataChanged(ui.dataChanged());
        shownPage = page;
        if (customerImport != null) {
            page.enableImport(() -> app.regulars.fx.ImportDialog.open(ui.window().get(), customerImport, ui.runner(), ui.messages(),
                    ui.dataChanged()));
        }
        return Optional.of(new Page() {
            @Override
            public String navId() {
                return NAV_ID;
            }

            @Override
            public String title() {
                return ui.messages().get("nav.customers");
            }

            @Override
            public Ikon icon() {
                return MaterialDesignA.ACCOUNT_MULTIPLE;
            }

            @Override
            public Node node() {
                return page;
            }

            @Override
            public void refresh() {
                page.refresh();
            }

            @Override
            public void shownAgain() {
                page.shownAgain();
            }

            @Override
            public boolean home() {
                return true;
            }

            /** Ctrl+F and Ctrl+N work from every page: they bring the customers on screen first. */
            @Override
            public void installShortcuts(Scene scene) {
                page.installShortcuts(scene, () -> ui.navigate().accept(navId()));
            }
        });
    }

    @Override
    public Commands commands() {
        return new Commands(List.of(FindCommand.class, PrivacyCommands.Group.class, MergeCommands.Duplicates.class, MergeCommands.Merge.class),
                List.of(CustomerCommands.ImportCustomers.class, CustomerCommands.UndoImport.class), List.of(CustomerCommands.ExportCustomers.class));
    }

    @Override
    public void close() {
        if (customers != null) {
            customers.close();
        }
    }
}
