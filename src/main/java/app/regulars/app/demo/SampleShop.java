package app.regulars.app.demo;

import app.regulars.customer.Birthday;
import app.regulars.customer.Consent;
import app.regulars.customer.MarketingChannel;
import app.regulars.customer.Customer;
import app.regulars.customer.CustomerService;
import app.regulars.customer.Gender;
import app.regulars.customer.Pinyin;
import app.regulars.membership.MembershipService;
import app.regulars.membership.PurchaseLine;
import app.regulars.app.AppContext;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A made-up tea and gift shop's customers, for demos, screenshots and benchmarks. The
 * same seed and date give the same customers, so a benchmark or a bug report can be
 * repeated. Mostly Chinese names (with a few surnames ICU reads wrongly, 曾 and 单), the
 * rest English; every phone passes libphonenumber and no two customers share a phone or an
 * email (an import takes a shared one for the same customer, decision 0024).
 * The texts are data a shop owner would type, not labels, so they are not in the bundles.
 */
public final class SampleShop {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    // Common surnames, roughly in order of frequency; the list is drawn with a bias to the front.
    private static final String[] SURNAMES = {
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高",
            "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
            "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
            "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "闫", "段", "雷", "侯",
            "龙", "史", "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔", "向", "单"};
    private static final String[] FEMALE_CHARS = {
            "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "秀", "玲", "桂", "英", "华", "玉", "兰", "萍", "红", "梅", "丹", "婷",
            "雪", "琳", "欣", "怡", "涵", "佳", "嘉", "思", "雨", "诗", "颖", "倩", "慧", "璐", "瑶", "晶", "燕", "蕾", "薇", "月"};
    private static final String[] MALE_CHARS = {
            "伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "宇", "浩", "俊", "博", "天", "宏",
            "建", "国", "志", "海", "斌", "峰", "亮", "飞", "龙", "鑫", "波", "昊", "轩", "然", "晨", "阳", "凯", "东", "诚", "毅"};
    private static final String[] SHARED_CHARS = {"小", "晓", "文", "子", "一", "梓", "家", "春", "秋", "永", "立", "安", "清", "新", "之"};

    private static final String[] FEMALE_FIRST = {
            "Emma", "Olivia", "Sophia", "Charlotte", "Amelia", "Grace", "Chloe", "Lucy", "Hannah", "Emily", "Sarah", "Jessica",
            "Rachel", "Laura", "Anna", "Julia", "Claire", "Megan", "Zoe", "Isabel", "Mia", "Ruby", "Alice", "Helen"};
    private static final String[] MALE_FIRST = {
            "James", "Oliver", "William", "Henry", "Jack", "Thomas", "Daniel", "Samuel", "David", "Michael", "Andrew", "Peter",
            "Matthew", "Lucas", "Ethan", "Noah", "George", "Ryan", "Kevin", "Mark", "Paul", "Simon", "Adam", "Chris"};
    private static final String[] LAST = {
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson", "Thomas",
            "Moore", "Martin", "Thompson", "White", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott",
            "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Evans",
            "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "O'Brien", "Kelly", "Wood", "Hughes"};

    private static final String[][] CITIES = {
            {"上海市", "徐汇区", "浦东新区", "静安区", "长宁区", "黄浦区"},
            {"北京市", "朝阳区", "海淀区", "东城区", "西城区", "丰台区"},
            {"广州市", "天河区", "越秀区", "海珠区", "番禺区"},
            {"深圳市", "南山区", "福田区", "罗湖区", "宝安区"},
            {"杭州市", "西湖区", "上城区", "拱墅区", "滨江区"},
            {"成都市", "锦江区", "武侯区", "青羊区", "高新区"},
            {"南京市", "鼓楼区", "玄武区", "秦淮区", "建邺区"},
            {"福州市", "鼓楼区", "台江区", "仓山区"},
            {"厦门市", "思明区", "湖里区", "集美区"}};
    private static final String[] STREETS = {
            "人民路", "解放路", "中山路", "建设路", "文化路", "南京路", "长江路", "和平路", "新华路", "青年路", "花园路",
            "滨江大道", "科技路", "学院路", "茶城路", "武夷路", "幸福里", "东风路", "延安路", "金陵路"};
    private static final String[] EN_ADDRESSES = {
            "%d Baker Street, London", "%d Queen's Road Central, Hong Kong", "Flat %d, 88 Nathan Road, Kowloon",
            "%d Market Street, San Francisco, CA", "Apt %d, 1200 West Nanjing Road, Shanghai", "%d High Street, Oxford",
            "%d Sukhumvit Soi 11, Bangkok", "Unit %d, 15 Xinyuan South Road, Beijing"};

    private static final String[] CN_COMPANIES = {
            "青禾茶业", "云岭贸易", "博远科技", "嘉和文化传媒", "恒信会计师事务所", "东方礼品", "绿源餐饮管理", "清风设计",
            "华泰物流", "新雅酒店", "一品茶楼", "德润投资", "汇丰家居", "小满咖啡", "山海教育"};
    private static final String[] CN_ROLES = {"采购经理", "行政主管", "总经理", "店长", "办公室主任", "市场总监", "老板", "前台"};
    private static final String[] EN_COMPANIES = {
            "Blue Harbor Trading", "Northwind Tea Co.", "Maple & Pine Studio", "Brightline Consulting", "Oak Hotel Group",
            "Silk Road Imports", "Greenleaf Cafe", "Summit Events"};
    private static final String[] EN_ROLES = {"Purchasing Manager", "Office Manager", "Owner", "Event Planner", "Buyer", "Director"};

    private static final String[] SOURCES = {"walk-in", "walk-in", "walk-in", "referral", "referral", "WeChat", "WeChat",
            "Dianping", "website", "Xiaohongshu", "tea fair"};
    private static final String[] TAGS = {"VIP", "老客户", "茶友", "wholesale", "新客", "birthday club", "团购", "礼盒"};

    private static final String[] CN_NOTES = {
            "常买明前龙井，每年清明前会来问新茶。", "介绍了好几位朋友来店里。", "公司逢年过节会订礼盒。",
            "上次的普洱饼说有点潮，已换货。", "住在附近，周末常来坐坐。", "对价格比较敏感，有活动时通知。",
            "孩子在附近上学，下午四点后方便。", "喜欢听茶的故事，可以多聊聊产地。"};
    private static final String[] EN_NOTES = {
            "Buys gifts for clients every Christmas.", "Moved here from Vancouver last year.",
            "Asked about a tea-tasting class for her team.", "Prefers to pay by card.", "Referred by a neighbour."};
    private static final String[] CN_PREFS = {
            "喜欢乌龙茶，少糖", "只喝绿茶", "爱喝熟普，怕凉", "喜欢白茶和老白茶", "不喝含咖啡因的，推荐花草茶",
            "偏爱岩茶，大红袍", "红茶加奶", "喜欢精致的包装，送礼用"};
    private static final String[] EN_PREFS = {
            "prefers morning visits", "likes jasmine tea, no sugar", "oolong, lightly roasted", "decaf only",
            "English breakfast with milk", "matcha and sweets"};

    private final long seed;
    private final LocalDate today;

    /** Customers made from {@code seed}, with dates (birthdays, consent, first visit) before {@code today}. */
    public SampleShop(long seed, LocalDate today) {
        this.seed = seed;
        this.today = today;
    }

    /** {@code count} new customers (no id, no code: the store gives the codes). */
    public List<Customer> customers(int count) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Set<String> usedPhones = new HashSet<>();
        Set<String> usedEmails = new HashSet<>();
        List<Customer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Customer c = customer(rnd, i, usedPhones);
            if (c.email() != null && !usedEmails.add(c.email().toLowerCase(Locale.ROOT))) {
                // Taken (common names make common handles): a number of its own, drawn from nothing,
                // so the customers after it stay the same as before.
                String[] at = c.email().split("@", 2);
                String email;
                int n = 2;
                do {
                    email = at[0] + "." + n++ + "@" + at[1];
                } while (!usedEmails.add(email.toLowerCase(Locale.ROOT)));
                c = c.toBuilder().email(email).build();
            }
            out.add(c);
        }
        return out;
    }

    private Customer customer(SplittableRandom rnd, int index, Set<String> usedPhones) {
        boolean chinese = rnd.nextInt(100) < 70;
        Gender gender = gender(rnd);
        boolean female = gender == Gender.FEMALE || (gender != Gender.MALE && rnd.nextBoolean());
        String name;
        String handle; // a Latin form of the name for email and WeChat ids
        if (chinese) {
            name = chineseName(rnd, female);
            handle = Pinyin.of(name).joined();
        } else {
            String first = pick(rnd, female ? FEMALE_FIRST : MALE_FIRST);
            String last = pick(rnd, LAST);
            name = first + " " + last;
            handle = (first + "." + last).toLowerCase(Locale.ROOT).replace("'", "");
        }
        Customer.Builder b = Customer.builder().name(name).gender(gender);

        List<String> phones = new ArrayList<>();
        phones.add(uniquePhone(rnd, chinese ? 97 : 40, usedPhones));
        if (rnd.nextInt(100) < 6) {
            phones.add(uniquePhone(rnd, 90, usedPhones));
        }
        b.phones(phones);

        if (rnd.nextInt(100) < (chinese ? 30 : 75)) {
            String[] domains = chinese ? new String[]{"qq.com", "163.com", "126.com", "gmail.com", "foxmail.com"}
                    : new String[]{"gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.co.uk"};
            b.email(handle + (rnd.nextBoolean() ? "" : String.valueOf(rnd.nextInt(10, 9999))) + "@" + pick(rnd, domains));
        }
        if (rnd.nextInt(100) < (chinese ? 65 : 20)) {
            b.wechat(rnd.nextInt(3) == 0 ? "wxid_" + alnum(rnd, 10) : handle.replace(".", "_") + "_" + rnd.nextInt(10, 999));
        }
        b.birthday(birthday(rnd, chinese));
        b.address(chinese || rnd.nextInt(3) == 0 ? chineseAddress(rnd) : EN_ADDRESSES[rnd.nextInt(EN_ADDRESSES.length)].formatted(rnd.nextInt(1, 300)));
        if (rnd.nextInt(100) < 25) {
            if (chinese) {
                CharSequence city = pick(rnd, CITIES)[0];
                b.company(city.subSequence(0, 2) + pick(rnd, CN_COMPANIES) + "有限公司").jobTitle(pick(rnd, CN_ROLES));
            } else {
                b.company(pick(rnd, EN_COMPANIES)).jobTitle(pick(rnd, EN_ROLES));
            }
        }
        b.source(pick(rnd, SOURCES));
        b.tags(tags(rnd));
        if (rnd.nextInt(100) < 30) {
            b.notes(pick(rnd, chinese || rnd.nextInt(4) == 0 ? CN_NOTES : EN_NOTES));
        }
        if (rnd.nextInt(100) < 45) {
            b.preferences(pick(rnd, chinese ? CN_PREFS : EN_PREFS));
        }
        LocalDateTime firstVisit = today.minusDays(rnd.nextInt(1, 5 * 365)).atTime(LocalTime.of(rnd.nextInt(9, 21), rnd.nextInt(60)));
        b.createdAt(firstVisit);
        b.consent(consent(rnd, firstVisit.toLocalDate()));
        // Last changed some day between the first visit and yesterday, from the name (no extra
        // random draw, so the same seed still makes the same customers and histories).
        Customer made = b.build();
        long span = java.time.temporal.ChronoUnit.DAYS.between(firstVisit.toLocalDate(), today);
        b.updatedAt(span <= 1 ? firstVisit : firstVisit.plusDays(Math.floorMod(made.name().hashCode(), span - 1)));
        return b.build();
    }

    private static Gender gender(SplittableRandom rnd) {
        int g = rnd.nextInt(100);
        return g < 52 ? Gender.FEMALE : g < 95 ? Gender.MALE : g < 96 ? Gender.OTHER : null;
    }

    private static String chineseName(SplittableRandom rnd, boolean female) {
        // Squaring a uniform draw favours the front of the list, as real surnames do.
        double u = rnd.nextDouble();
        String surname = SURNAMES[(int) (u * u * SURNAMES.length)];
        String[] pool = female ? FEMALE_CHARS : MALE_CHARS;
        if (rnd.nextInt(100) < 30) {
            return surname + pick(rnd, pool);
        }
        String first = rnd.nextInt(3) == 0 ? pick(rnd, SHARED_CHARS) : pick(rnd, pool);
        return surname + first + pick(rnd, pool);
    }

    /** A valid number not used yet: a mainland mobile with probability {@code cnPercent}, else US, UK or Hong Kong. */
    private static String uniquePhone(SplittableRandom rnd, int cnPercent, Set<String> used) {
        while (true) {
            String candidate;
            if (rnd.nextInt(100) < cnPercent) {
                String[] prefixes = {"130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
                        "155", "157", "158", "159", "180", "181", "182", "185", "186", "187", "188", "189", "191", "198", "199"};
                candidate = "+86" + pick(rnd, prefixes) + digits(rnd, 8);
            } else {
                candidate = switch (rnd.nextInt(3)) {
                    case 0 -> "+1" + pick(rnd, new String[]{"212", "415", "646", "617", "206", "310"}) + rnd.nextInt(2, 10) + digits(rnd, 6);
                    case 1 -> "+447" + rnd.nextInt(4, 10) + digits(rnd, 8);
                    default -> "+852" + pick(rnd, new String[]{"5", "6", "9"}) + digits(rnd, 7);
                };
            }
            try {
                PhoneNumber number = PHONES.parse(candidate, "CN");
                if (PHONES.isValidNumber(number)) {
                    String e164 = PHONES.format(number, PhoneNumberFormat.E164);
                    if (used.add(e164)) {
                        return e164;
                    }
                }
            } catch (NumberParseException e) {
                // not a number libphonenumber accepts: draw another
            }
        }
    }

    private Birthday birthday(SplittableRandom rnd, boolean chinese) {
        if (rnd.nextInt(100) >= 80) {
            return null;
        }
        boolean withYear = rnd.nextInt(100) < 75;
        Integer year = withYear ? today.getYear() - rnd.nextInt(18, 75) : null;
        if (chinese && rnd.nextInt(100) < 28) {
            // Days 1-29 exist in every lunar month; a leap-month birthday is left to real data.
            return Birthday.lunar(year, rnd.nextInt(1, 13), rnd.nextInt(1, 30), false);
        }
        MonthDay md = MonthDay.from(LocalDate.ofYearDay(2024, rnd.nextInt(1, 367)));
        if (year != null && !md.isValidYear(year)) {
            md = MonthDay.of(2, 28);
        }
        return new Birthday(Birthday.Kind.SOLAR, year, md.getMonthValue(), md.getDayOfMonth(), false);
    }

    private static String chineseAddress(SplittableRandom rnd) {
        String[] city = pick(rnd, CITIES);
        String district = city[rnd.nextInt(1, city.length)];
        String flat = rnd.nextInt(3) == 0 ? "" : rnd.nextInt(1, 30) + "栋" + rnd.nextInt(1, 33) + "0" + rnd.nextInt(1, 6) + "室";
        return city[0] + district + pick(rnd, STREETS) + rnd.nextInt(1, 999) + "号" + flat;
    }

    private static List<String> tags(SplittableRandom rnd) {
        List<String> tags = new ArrayList<>();
        int n = rnd.nextInt(100);
        int count = n < 35 ? 0 : n < 75 ? 1 : n < 93 ? 2 : 3;
        while (tags.size() < count) {
            String t = pick(rnd, TAGS);
            if (!tags.contains(t)) {
                tags.add(t);
            }
        }
        return tags;
    }

    private static Consent consent(SplittableRandom rnd, LocalDate firstVisit) {
        if (rnd.nextInt(100) >= 70) {
            return Consent.NONE;
        }
        EnumSet<MarketingChannel> optOuts = EnumSet.noneOf(MarketingChannel.class);
        if (rnd.nextInt(100) < 20) {
            optOuts.add(pick(rnd, MarketingChannel.values()));
            if (rnd.nextInt(100) < 30) {
                optOuts.add(pick(rnd, MarketingChannel.values()));
            }
        }
        return new Consent(true, firstVisit, optOuts);
    }

    private static String digits(SplittableRandom rnd, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    private static String alnum(SplittableRandom rnd, int n) {
        String chars = "abcdefghijkmnpqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private static <T> T pick(SplittableRandom rnd, T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** Customers committed per transaction when filling a store. */
    public static final int SLICE = CustomerService.SLICE;

    /**
     * Fills an empty store with {@code count} sample customers (the command line's
     * {@code demo} and the first-start screen): all of them, or none on failure or cancel.
     */
    public int fill(CustomerService service, int count, java.util.function.IntConsumer progress, java.util.function.BooleanSupplier cancelled) {
        List<Customer> normalized = new java.util.ArrayList<>(count);
        app.regulars.customer.CustomFields fields = service.customFields();
        for (Customer c : customers(count)) {
            // the phones are E.164 already (uniquePhone): not parsed a second time (0.8 s at 100,000)
            normalized.add(service.normalize(c, fields, java.util.function.UnaryOperator.identity()));
        }
        return service.fillEmpty(normalized, SLICE, progress, cancelled);
    }

    /** What a tea shop's customers buy; null: a purchase without a note. */
    private static final String[] ITEMS = {
            "龙井 2 两", "铁观音 半斤", "普洱茶饼", "白茶 100 g", "红茶礼盒", "茉莉花茶", "乌龙茶 250 g", "茶具一套", "公道杯",
            "Jasmine tea 100 g", "Tea cups (2)", "Matcha and sweets", "Gift box", null, null, null};

    /** Customers whose purchases are made and committed together when filling a store (about 20,000 purchases). */
    static final int PURCHASE_SLICE = 2_500;

    /** Days of history the sample shop's purchases span: 18 months. */
    static final int HISTORY_DAYS = 548;

    /**
     * How a sample customer buys, drawn from the seed and the customer's id (shares in brackets):
     * no purchase yet (8 %), once or twice at random (20 %), a few times at random (17 %), weekly
     * (4 %), fortnightly (8 %) or monthly (12 %) regulars, drifting (10 %: a monthly rhythm
     * whose gaps grew by a third each time, the last visit 70 to 150 days ago), lost (13 %: a rhythm that stopped 5 to 13 months
     * ago) and new (8 %: a first purchase in the last 80 days).
     */
    public enum Rhythm {
        NONE, ONE_OFF, OCCASIONAL, WEEKLY, FORTNIGHTLY, MONTHLY, DRIFTING, LOST, NEW;

        static Rhythm draw(int percent) {
            return percent < 8 ? NONE : percent < 28 ? ONE_OFF : percent < 45 ? OCCASIONAL : percent < 49 ? WEEKLY
                    : percent < 57 ? FORTNIGHTLY : percent < 69 ? MONTHLY : percent < 79 ? DRIFTING : percent < 92 ? LOST : NEW;
        }
    }

    /** The random draws of one customer's history: the same for the purchases and for the story around them. */
    private SplittableRandom customerRandom(long id) {
        return new SplittableRandom(seed ^ (id * 0x9E3779B97F4A7C15L));
    }

    /** How the customer with this id buys (from the seed and the id). */
    public Rhythm rhythm(long customerId) {
        return Rhythm.draw(customerRandom(customerId).nextInt(100));
    }

    /**
     * A tea shop's purchases over the last 18 months for these customers, made from the seed
     * and each customer's id, in the customer's {@link Rhythm}: regulars come every week, two
     * weeks or month give or take a few days (and skip a visit now and then), drifting ones
     * come less and less often, lost ones stopped months ago, new ones started lately. One in
     * twenty spends a lot. Amounts run from about 20 to 600 (three times that for the big
     * spenders), in whole or half units; times are in opening hours, 9:00 to 21:00.
     */
    public List<PurchaseLine> purchases(List<Long> customerIds) {
        List<PurchaseLine> out = new ArrayList<>();
        for (long id : customerIds) {
            SplittableRandom rnd = customerRandom(id);
            Rhythm rhythm = Rhythm.draw(rnd.nextInt(100));
            double scale = rnd.nextInt(100) < 5 ? 3 : 1;
            for (int daysAgo : visitDays(rhythm, rnd)) {
                out.add(purchase(rnd, id, daysAgo, scale));
            }
        }
        return out;
    }

    private PurchaseLine purchase(SplittableRandom rnd, long id, int daysAgo, double scale) {
        LocalDateTime at = today.minusDays(daysAgo).atTime(rnd.nextInt(9, 21), rnd.nextInt(0, 60));
        double amount = Math.exp(rnd.nextDouble(Math.log(20), Math.log(600))) * scale;
        BigDecimal money = BigDecimal.valueOf(Math.round(amount * 2)).divide(BigDecimal.TWO, 2, RoundingMode.UNNECESSARY);
        return new PurchaseLine(id, at, money, ITEMS[rnd.nextInt(ITEMS.length)]);
    }

    /** The days (ago, 1 to {@value #HISTORY_DAYS}) a customer of this rhythm came, oldest first. */
    private static List<Integer> visitDays(Rhythm rhythm, SplittableRandom rnd) {
        List<Integer> days = new ArrayList<>();
        switch (rhythm) {
            case NONE -> { }
            case ONE_OFF -> {
                int n = rnd.nextInt(1, 3);
                for (int i = 0; i < n; i++) {
                    days.add(rnd.nextInt(91, HISTORY_DAYS));
                }
            }
            case OCCASIONAL -> {
                int n = rnd.nextInt(2, 8);
                for (int i = 0; i < n; i++) {
                    days.add(rnd.nextInt(1, HISTORY_DAYS));
                }
            }
            case WEEKLY -> regular(days, rnd, 7, rnd.nextInt(180, HISTORY_DAYS), 1);
            case FORTNIGHTLY -> regular(days, rnd, 14, rnd.nextInt(180, HISTORY_DAYS), 1);
            case MONTHLY -> regular(days, rnd, 30, rnd.nextInt(240, HISTORY_DAYS), 1);
            case LOST -> regular(days, rnd, rnd.nextBoolean() ? 14 : 30, HISTORY_DAYS - rnd.nextInt(0, 60), rnd.nextInt(150, 400));
            case DRIFTING -> {
                // backwards from the last visit, 70 to 150 days ago: the gaps before it shrink to a month
                double gap = rnd.nextInt(40, 55);
                for (double d = rnd.nextInt(70, 150); d < HISTORY_DAYS; d += gap, gap = Math.max(30, gap / 1.3)) {
                    days.add((int) d);
                }
            }
            case NEW -> {
                int first = rnd.nextInt(5, 80);
                days.add(first);
                for (int d = first - rnd.nextInt(7, 30); d >= 1 && days.size() < 4; d -= rnd.nextInt(7, 30)) {
                    days.add(d);
                }
            }
        }
        days.sort(java.util.Comparator.reverseOrder());
        return days;
    }

    /** Every {@code period} days, give or take a fifth, from {@code from} days ago until {@code until} days ago; one visit in 12 skipped. */
    private static void regular(List<Integer> days, SplittableRandom rnd, int period, int from, int until) {
        int jitter = Math.max(1, period / 5);
        for (int d = from; d >= until; d -= period + rnd.nextInt(-jitter, jitter + 1)) {
            if (rnd.nextInt(12) != 0) {
                days.add(Math.max(1, d));
            }
        }
    }

    /**
     * Gives the customers of a freshly filled sample store their purchases (points and tiers
     * follow) through the same all-or-nothing import as a purchase file
     * ({@link MembershipService#importPurchases(java.util.function.Consumer, java.util.function.BooleanSupplier)}),
     * made {@value #PURCHASE_SLICE} customers at a time, so that a million customers never need
     * their purchases in memory at once; returns how many purchases. {@code progress} gets the
     * customers done and all of them; a cancel stops between slices with a {@code UserException}
     * and the purchases are deleted again (inside {@link #allOrNothing} the whole fill is then undone).
     */
    public int fillPurchases(MembershipService membership, java.util.function.BiConsumer<Integer, Integer> progress,
                             java.util.function.BooleanSupplier cancelled) {
        List<Long> ids = membership.customerIds();
        // about 9.6 purchases a customer: a demo's are rebuilt after the load (decision 0029), a first start's 300 customers' are not
        return membership.importPurchases(9L * ids.size(), slices -> {
            for (int from = 0; from < ids.size(); from += PURCHASE_SLICE) {
                List<Long> slice = ids.subList(from, Math.min(ids.size(), from + PURCHASE_SLICE));
                slices.add(purchases(slice));
                progress.accept(from + slice.size(), ids.size());
            }
        }, cancelled);
    }

    /**
     * What happened around the purchases (contacts, follow-ups, survey answers, complaints): see
     * {@link SampleStory}. Call after {@link #fillPurchases}, inside {@link #allOrNothing}.
     */
    public SampleStory.Told fillStory(AppContext ctx, java.util.function.BiConsumer<Integer, Integer> progress,
                                      java.util.function.BooleanSupplier cancelled) {
        SampleStory story = new SampleStory(this, seed, today, ctx.database(), ctx.settings(),
                ctx.services().get(Messages.class), ctx.services().get(java.time.Clock.class).getZone());
        return story.tell(ctx.membership().customerIds(), progress, cancelled);
    }

    /** Set while a sample shop's history is being made: a store opened with it set holds an interrupted fill. */
    public static final String PENDING = "bulk.sampleShop.pending";

    /**
     * Runs {@code history} (purchases and story, after {@link #fill}) all or nothing, as
     * {@link CustomerService#fillEmpty} does for the customers (decision 0007): on a failure or a
     * cancel the whole sample shop is deleted again, customers and all; if the process dies, the
     * flag {@link #PENDING}, committed first, makes {@link #undoInterrupted} do it at the next start.
     */
    public static <T> T allOrNothing(AppContext ctx, java.util.function.Supplier<T> history) {
        ctx.settings().put(PENDING, "true");
        T result;
        try {
            result = history.get();
        } catch (RuntimeException e) {
            undo(ctx);
            throw e;
        }
        ctx.settings().remove(PENDING);
        return result;
    }

    /**
     * Fills an EMPTY store with the whole sample shop as one all-or-nothing unit: the flag
     * {@link #PENDING} is committed before the first customer, so a process killed at any moment
     * (between the customers and their purchases too, which once left customers without a
     * history and a folder {@code demo} refused) leaves a store that {@link #undoInterrupted}
     * empties at the next start. {@code history} (purchases, story) runs after the customers are
     * in; its result is returned. Refused, with nothing written, when the store has customers.
     */
    public <T> T fillShop(AppContext ctx, int count, java.util.function.IntConsumer progress,
                          java.util.function.BooleanSupplier cancelled, java.util.function.IntFunction<T> history) {
        if (!ctx.customers().isEmpty()) {
            throw new UserException("demo.error.notEmpty", ctx.customers().countAll());
        }
        return allOrNothing(ctx, () -> history.apply(fill(ctx.customers(), count, progress, cancelled)));
    }

    /** Deletes a sample shop whose history was interrupted (see {@link #allOrNothing}); run once when the store opens. */
    public static void undoInterrupted(AppContext ctx) {
        if (ctx.settings().get(PENDING).isPresent()) {
            undo(ctx);
        }
    }

    private static void undo(AppContext ctx) {
        // The store was empty when the fill began: every customer's survey answer is the sample's.
        // Answers first: deleting a customer keeps their answers, unlinked.
        ctx.surveys().deleteCustomerResponses();
        ctx.settings().put(CustomerService.FILL_PENDING, "true");
        ctx.customers().undoInterruptedFill();
        ctx.settings().remove(PENDING);
    }
}
