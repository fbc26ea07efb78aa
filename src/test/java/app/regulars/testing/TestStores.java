package app.regulars.testing;

import app.regulars.app.AppContext;
import app.regulars.customer.Birthday;
import app.regulars.customer.Consent;
import app.regulars.customer.MarketingChannel;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.Gender;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/** A real H2 store in a temp folder, at a fixed date, with a few known customers. */
public final class TestStores {
    public static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    public static final Clock CLOCK = Clock.fixed(TODAY.atTime(10, 0).atZone(ZoneId.systemDefault()).toInstant(), ZoneId.systemDefault());

    private TestStores() {
    }

    public static AppContext open(Path dir) {
        return AppContext.open(dir, CLOCK, Locale.SIMPLIFIED_CHINESE);
    }

    /** 王小明, 曾晓燕, Alice Smith, 张伟 (archived), with phones, tags and birthdays. */
    public static void addKnownCustomers(CustomerService customers) {
        customers.save(Customer.builder().name("王小明").phones("138 1234 5678").email("xiaoming@example.com")
                .gender(Gender.MALE).birthday(Birthday.lunar(1988, 8, 15, false)).tags("VIP", "茶友")
                .address("杭州市西湖区文三路 88 号").notes("每周六下午来").preferences("喜欢龙井，少糖")
                .consent(new Consent(true, LocalDate.of(2025, 3, 1), Set.of(MarketingChannel.SMS))).build());
        customers.save(Customer.builder().name("曾晓燕").phones("139 8765 4321").wechat("xiaoyan_zeng")
                .gender(Gender.FEMALE).birthday(Birthday.solar(LocalDate.of(1992, 12, 1))).tags("茶友").build());
        customers.save(Customer.builder().name("Alice Smith").phones("+1 650 253 0000").email("alice@example.org")
                .company("Blue Bottle Trading").jobTitle("Buyer").tags("wholesale").build());
        Customer zhang = customers.save(Customer.builder().name("张伟").phones("186 0000 1111").build());
        customers.archive(java.util.List.of(zhang.id()));
    }
}
