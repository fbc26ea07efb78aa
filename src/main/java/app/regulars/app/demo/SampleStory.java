package app.regulars.app.demo;

import app.regulars.followup.ContactChannel;
import app.regulars.followup.Contact;
import app.regulars.followup.FollowUp;
import app.regulars.followup.FollowUpKind;
import app.regulars.followup.FollowUpRepository;
import app.regulars.followup.FollowUpService;
import app.regulars.followup.FollowUpStatus;
import app.regulars.followup.Recurrence;
import app.regulars.i18n.Messages;
import app.regulars.i18n.UserException;
import app.regulars.membership.PurchaseLine;
import app.regulars.store.Database;
import app.regulars.store.Settings;
import app.regulars.survey.Answer;
import app.regulars.survey.NewResponse;
import app.regulars.survey.ResponseChannel;
import app.regulars.survey.Survey;
import app.regulars.survey.SurveyKind;
import app.regulars.survey.SurveyRepository;
import app.regulars.survey.SurveySummary;
import app.regulars.survey.SurveyService;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * What happened around the sample shop's purchases over the 18 months, so that every page of a
 * fresh demo has something to show: contacts logged (a welcome call for new customers, WeChat
 * messages to some regulars, calls to those drifting away), check-ins and win-back calls done
 * on time or days late (and a few planned or overdue), NPS and CSAT answers on visit days, and
 * the complaints their low scores open, most resolved within 24 hours, some late, the newest
 * still open. Made from the shop's seed and each customer's id, so the same seed tells the same
 * story.
 *
 * <p>Everything goes through the features' own services, on a clock this class moves to each
 * event's time (the services stamp what they save with their clock's now): a contact logged
 * "three months ago" is saved as the shop would have saved it then. Each event is one of the
 * services' transactions, so the story is told for at most {@value #MAX_CUSTOMERS} customers:
 * a few seconds for the first-start sample, the same few seconds inside a 100,000-customer demo.
 */
public final class SampleStory {
    /** Customers (the first by id) whose story is told; larger shops get the same story among their first ones. */
    static final int MAX_CUSTOMERS = 1_000;

    private static final String[] NPS_PRAISE = {"茶好，老板人也好", "环境安静，适合和朋友来坐坐", "Lovely teas and friendly staff",
            "包装很精致，送礼有面子", "Always helpful with gift ideas"};
    private static final String[] NPS_PANS = {"上次的茶饼有点受潮", "等了很久没人招呼", "Prices went up a lot",
            "礼盒缺了一个杯子", "The tea I ordered never arrived"};
    private static final String[] CSAT_PANS = {"店员不太耐心", "电话没人接", "Wrong item in my bag", "结账排队太久"};

    private final SampleShop shop;
    private final LocalDate today;
    private final long seed;
    private final StoryClock clock;
    private final FollowUpService followUps;
    private final SurveyService surveys;
    private final Survey nps;
    private final Survey csat;
    private final List<Long> opened = new ArrayList<>();

    /** Counts of what the story saved. */
    public record Told(int contacts, int followUpsDone, int followUpsLate, int followUpsOpen, int responses, int complaints,
                int complaintsResolvedInTime) {
    }

    private int contacts;
    private int done;
    private int late;
    private int open;
    private int responses;
    private int complaints;
    private int resolvedInTime;

    SampleStory(SampleShop shop, long seed, LocalDate today, Database db, Settings settings, Messages messages, ZoneId zone) {
        this.shop = shop;
        this.seed = seed;
        this.today = today;
        this.clock = new StoryClock(zone, today.atStartOfDay());
        this.followUps = new FollowUpService(db, new FollowUpRepository(), clock);
        this.surveys = new SurveyService(db, new SurveyRepository(), settings, messages, clock);
        app.regulars.survey.ComplaintOpener asFollowUps = app.regulars.app.AppContext.complaintsAsFollowUps(followUps);
        surveys.setComplaintOpener((customerId, low, notes, openedAt) -> {
            long id = asFollowUps.openComplaint(customerId, low, notes, openedAt);
            opened.add(id);
            return id;
        });
        surveys.ensureTemplates();
        this.nps = template(SurveyKind.NPS);
        this.csat = template(SurveyKind.CSAT);
    }

    /**
     * Tells the story of the first {@value #MAX_CUSTOMERS} of {@code customerIds}; a cancel
     * stops between customers with a {@code UserException} (the caller undoes the whole fill).
     */
    Told tell(List<Long> customerIds, BiConsumer<Integer, Integer> progress, BooleanSupplier cancelled) {
        List<Long> ids = customerIds.subList(0, Math.min(MAX_CUSTOMERS, customerIds.size()));
        for (int i = 0; i < ids.size(); i++) {
            if (cancelled.getAsBoolean()) {
                throw new UserException("common.cancelled");
            }
            tell(ids.get(i));
            if ((i + 1) % 100 == 0 || i + 1 == ids.size()) {
                progress.accept(i + 1, ids.size());
            }
        }
        return new Told(contacts, done, late, open, responses, complaints, resolvedInTime);
    }

    private void tell(long id) {
        SplittableRandom rnd = new SplittableRandom(seed ^ (id * 0xC2B2AE3D27D4EB4FL) ^ 0x5EED);
        SampleShop.Rhythm rhythm = shop.rhythm(id);
        List<LocalDateTime> visits = shop.purchases(List.of(id)).stream().map(PurchaseLine::at).sorted().toList();
        if (visits.isEmpty()) {
            return;
        }
        switch (rhythm) {
            case NEW -> contact(id, visits.getFirst().plusDays(rnd.nextInt(1, 4)).withHour(rnd.nextInt(10, 18)), ContactChannel.PHONE,
                    "欢迎电话：介绍会员积分和新茶", "很满意，下周再来", null);
            case WEEKLY, FORTNIGHTLY, MONTHLY -> {
                if (rnd.nextInt(100) < 40) {
                    for (int v = rnd.nextInt(4); v < visits.size(); v += 6 + rnd.nextInt(6)) {
                        contact(id, visits.get(v).plusDays(rnd.nextInt(1, 3)).withHour(rnd.nextInt(10, 20)), ContactChannel.WECHAT,
                                "微信发了新到的茶和活动", rnd.nextBoolean() ? "回复说周末来看看" : "Liked the photos", null);
                    }
                }
                if (rnd.nextInt(100) < 12) {
                    // a check-in in the next two weeks: the calendar has something ahead
                    schedule(id, FollowUpKind.CHECK_IN, "回访：新茶到了问问口味", today.plusDays(rnd.nextInt(1, 15)).atTime(rnd.nextInt(10, 18), 0),
                            today.atStartOfDay().minusDays(rnd.nextInt(1, 10)));
                }
            }
            case DRIFTING -> checkIn(rnd, id, visits.getLast().plusDays(rnd.nextInt(30, 60)), FollowUpKind.CHECK_IN,
                    "好久没来了，打个电话问候", "说最近忙，月底过来", "Send the autumn catalogue");
            case LOST -> {
                if (rnd.nextInt(100) < 70) {
                    checkIn(rnd, id, visits.getLast().plusDays(rnd.nextInt(45, 90)), FollowUpKind.WIN_BACK,
                            "挽回：送一张优惠券", rnd.nextBoolean() ? "没接电话" : "Moved to another district", null);
                }
            }
            default -> { }
        }
        surveys(rnd, id, rhythm, visits);
    }

    /** A follow-up due at {@code due}: done on its day (six in ten), some days late, or, when not yet past, still planned. */
    private void checkIn(SplittableRandom rnd, long id, LocalDateTime due, FollowUpKind kind, String title, String outcome, String next) {
        LocalDateTime at = due.toLocalDate().atTime(rnd.nextInt(10, 18), 0);
        long followUp = schedule(id, kind, title, at, at.minusDays(rnd.nextInt(3, 10)));
        int draw = rnd.nextInt(100);
        LocalDateTime completed = draw < 60 ? at.plusMinutes(rnd.nextInt(0, 300)) : draw < 90 ? at.plusDays(rnd.nextInt(2, 8)) : null;
        if (completed == null || !completed.isBefore(today.atStartOfDay())) {
            open++; // overdue or still ahead: the calendar shows it
            return;
        }
        clock.at(completed);
        followUps.complete(followUp, ContactChannel.PHONE, title, outcome, next);
        contacts++;
        if (completed.toLocalDate().isAfter(at.toLocalDate())) {
            late++;
        } else {
            done++;
        }
    }

    private long schedule(long id, FollowUpKind kind, String title, LocalDateTime due, LocalDateTime createdAt) {
        clock.at(createdAt.isBefore(today.atStartOfDay()) ? createdAt : today.atStartOfDay());
        return followUps.schedule(new FollowUp(null, id, null, null, kind, title, null, null, due, false,
                FollowUpStatus.PLANNED, Recurrence.NONE, null, null, null, null, null, true)).id();
    }

    private void contact(long id, LocalDateTime at, ContactChannel channel, String summary, String outcome, String next) {
        if (!at.isBefore(today.atStartOfDay())) {
            return;
        }
        clock.at(at);
        followUps.logContact(new Contact(null, id, at, channel, summary, outcome, next, null));
        contacts++;
    }

    /**
     * About one visit in twelve ends with an NPS or a CSAT answer, that day or the next; regulars
     * score high, those drifting away or lost lower. A low score opens a complaint (the survey
     * feature's own rule), resolved within 24 hours (two in three), late, or, the newest, not yet.
     */
    private void surveys(SplittableRandom rnd, long id, SampleShop.Rhythm rhythm, List<LocalDateTime> visits) {
        boolean regular = rhythm == SampleShop.Rhythm.WEEKLY || rhythm == SampleShop.Rhythm.FORTNIGHTLY || rhythm == SampleShop.Rhythm.MONTHLY;
        boolean unhappy = rhythm == SampleShop.Rhythm.DRIFTING || rhythm == SampleShop.Rhythm.LOST;
        int lowPercent = regular ? 3 : unhappy ? 14 : 6;
        for (LocalDateTime visit : visits) {
            int draw = rnd.nextInt(100);
            if (draw >= 8) {
                continue;
            }
            boolean isNps = draw < 4;
            boolean low = rnd.nextInt(100) < lowPercent;
            LocalDateTime answered = visit.plusMinutes(rnd.nextInt(5, 60 * 20));
            if (!answered.isBefore(today.atStartOfDay())) {
                continue;
            }
            Survey s = isNps ? nps : csat;
            int score;
            String comment = null;
            if (isNps) {
                int top = regular ? 75 : unhappy ? 35 : 55;
                score = low ? rnd.nextInt(0, 7) : rnd.nextInt(100) < top ? rnd.nextInt(9, 11) : rnd.nextInt(7, 9);
                comment = low ? pick(rnd, NPS_PANS) : rnd.nextInt(4) == 0 ? pick(rnd, NPS_PRAISE) : null;
            } else {
                score = low ? rnd.nextInt(1, 3) : rnd.nextInt(100) < (regular ? 70 : 50) ? 5 : rnd.nextInt(3, 5);
                comment = low ? pick(rnd, CSAT_PANS) : null;
            }
            List<Answer> answers = new ArrayList<>();
            answers.add(Answer.score(s.questions().get(0).id(), score));
            if (comment != null) {
                answers.add(Answer.text(s.questions().get(1).id(), comment));
            }
            ResponseChannel channel = answered.toLocalDate().equals(visit.toLocalDate()) ? ResponseChannel.VISIT : ResponseChannel.WECHAT;
            clock.at(answered);
            opened.clear();
            surveys.saveResponse(new NewResponse(s.id(), id, null, channel, answered.toLocalDate(), answers), true);
            responses++;
            for (long complaint : opened) {
                complaints++;
                resolve(rnd, complaint, answered);
            }
        }
    }

    private void resolve(SplittableRandom rnd, long complaint, LocalDateTime openedAt) {
        int draw = rnd.nextInt(100);
        LocalDateTime at = draw < 65 ? openedAt.plusMinutes(rnd.nextInt(60, 22 * 60))
                : draw < 90 ? openedAt.plusHours(rnd.nextInt(30, 96)) : null;
        if (at == null || !at.isBefore(today.atStartOfDay())) {
            return; // still open: the calendar's overdue list and the complaints figure show it
        }
        clock.at(at);
        followUps.complete(complaint, ContactChannel.PHONE, "道歉并处理", "顾客接受了补偿", null);
        contacts++;
        if (!at.isAfter(openedAt.plusHours(FollowUpService.COMPLAINT_HOURS))) {
            resolvedInTime++;
        }
    }

    /** The built-in survey of this kind (the first one made). */
    private Survey template(SurveyKind kind) {
        return surveys.list().stream().filter(s -> s.kind() == kind).min(java.util.Comparator.comparingLong(SurveySummary::id))
                .map(s -> surveys.get(s.id())).orElseThrow();
    }

    private static String pick(SplittableRandom rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    /** A clock that stands where the story is. */
    private static final class StoryClock extends Clock {
        private final ZoneId zone;
        private volatile Instant instant;

        StoryClock(ZoneId zone, LocalDateTime at) {
            this.zone = zone;
            at(at);
        }

        void at(LocalDateTime at) {
            instant = at.atZone(zone).toInstant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            StoryClock c = new StoryClock(z, LocalDateTime.ofInstant(instant, z));
            return c;
        }

        @Override
        public Instant instant() {
            return instant;
        }
    }
}
