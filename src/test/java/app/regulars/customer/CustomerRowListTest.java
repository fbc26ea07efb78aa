package app.regulars.customer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows of a long list: loaded a page at a time, and only the pages used last are kept. */
class CustomerRowListTest {
    private final List<Integer> asked = new ArrayList<>();
    private CustomerRowList list;

    private void open(int customers) {
        list = new CustomerRowList((ids, from) -> {
            asked.add(from);
            List<CustomerSummary> page = LongStream.of(ids).mapToObj(id -> new CustomerSummary(id, String.format("%06d", id),
                    "Customer " + id, null, null, null, List.of(), null, false)).toList();
            list.fill(from, page, (row, s) -> row.fill(s, "", ""));
        });
        list.reset(LongStream.rangeClosed(1, customers).toArray());
    }

    @Test
    void scrollingThroughAHundredThousandCustomersKeepsOnlyTheLastPagesUsed() {
        open(100_000);
        int step = CustomerRowList.PAGE_SIZE / 2;
        for (int i = 0; i < 100_000; i += step) {
            assertThat(list.get(i).nameProperty().get()).isEqualTo("Customer " + (i + 1));
        }
        assertThat(asked).as("each page asked for once").hasSize(100_000 / CustomerRowList.PAGE_SIZE);
        assertThat(list.heldRows()).isLessThanOrEqualTo(CustomerRowList.KEPT_PAGES * CustomerRowList.PAGE_SIZE);
    }

    @Test
    void aNewListTellsTheRowsShownAsRemovedAndNoRowForEachOfTheOthers() {
        open(100_000);
        CustomerRow shown = list.get(5);
        List<CustomerRow> removed = new ArrayList<>();
        list.addListener((javafx.collections.ListChangeListener<CustomerRow>) c -> {
            while (c.next()) {
                removed.addAll(c.getRemoved());
            }
        });
        list.reset(LongStream.rangeClosed(1, 10).toArray());
        assertThat(removed).hasSize(100_000).contains(shown);
        assertThat(removed.stream().filter(r -> r != shown).distinct().count()).as("rows never shown").isLessThanOrEqualTo(CustomerRowList.PAGE_SIZE);
        assertThat(list).hasSize(10);
    }

    @Test
    void aPageDroppedIsLoadedAgainWhenShownAndOneStillInUseIsNot() {
        open(10_000);
        list.get(0);
        for (int page = 1; page <= CustomerRowList.KEPT_PAGES + 5; page++) {
            list.get(page * CustomerRowList.PAGE_SIZE);
            list.get(5); // the top of the list stays in use
        }
        assertThat(asked).as("the first page was never dropped").containsOnlyOnce(0);
        asked.clear();
        assertThat(list.get(CustomerRowList.PAGE_SIZE + 1).nameProperty().get()).isEqualTo("Customer " + (CustomerRowList.PAGE_SIZE + 2));
        assertThat(asked).as("the second page, used longest ago, was dropped and comes again").containsExactly(CustomerRowList.PAGE_SIZE);
    }

    @Test
    void aFirstPageShowsAtOnceAndTheRestOfTheIdsJoinItWithoutReloadingIt() {
        open(0);
        long[] all = LongStream.rangeClosed(1, 1000).toArray();
        int page = CustomerRowList.PAGE_SIZE;
        list.resetFirstPage(java.util.Arrays.copyOf(all, page), 1000);
        list.fill(0, LongStream.rangeClosed(1, page).mapToObj(id -> new CustomerSummary(id, "", "Customer " + id, null, null, null,
                List.of(), null, false)).toList(), (row, s) -> row.fill(s, "", ""));
        assertThat(list).hasSize(1000);
        CustomerRow first = list.get(0);
        assertThat(first.nameProperty().get()).isEqualTo("Customer 1");
        assertThat(list.idAt(500)).as("not known yet").isZero();
        assertThat(asked).as("nothing asked: the first page came with its rows").isEmpty();
        list.complete(all);
        assertThat(list.get(0)).as("the same row, not reloaded").isSameAs(first);
        assertThat(list.idAt(500)).isEqualTo(501);
        assertThat(list.get(500).nameProperty().get()).isEqualTo("Customer 501");
        assertThat(asked).as("the page that holds row 500").containsExactly(500 / page * page);
    }

    @Test
    void aFirstPageThatComesWithTheIdsIsNotAskedForWhileTheChangeIsTold() {
        open(0);
        // the table's focus reads row 0 as it hears of a new list
        list.addListener((javafx.collections.ListChangeListener<CustomerRow>) c -> {
            if (!list.isEmpty()) {
                list.get(0);
            }
        });
        long[] all = LongStream.rangeClosed(1, 100).toArray();
        list.reset(all, true);
        list.resetFirstPage(new long[] {1, 2, 3}, 100);
        assertThat(asked).as("the caller fills the first page").isEmpty();
        list.reset(all);
        assertThat(asked).as("without it, the page is asked for").containsExactly(0);
    }

    @Test
    void idsThatDoNotFitTheFirstPageReplaceTheList() {
        open(0);
        list.resetFirstPage(new long[] {1, 2, 3}, 3);
        CustomerRow before = list.get(0);
        list.complete(new long[] {1, 3}); // a customer archived in between
        assertThat(list).hasSize(2);
        assertThat(list.get(0)).isNotSameAs(before);
    }
}
