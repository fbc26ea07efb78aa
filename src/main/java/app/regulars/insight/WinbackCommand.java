package app.regulars.insight;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.LocalDate;

/** {@code insights winback [--as-of DATE] [--create]}: the customers at risk, and their win-backs planned. */
@Command(name = "winback", description = "Print the customers at risk, the most valuable first, one a line: code, name, "
        + "value at risk (predicted CLV, or the last 12 months' spend without a model), reason (tab-separated). With "
        + "--create, plan a win-back follow-up due today for each (marketing consent respected, never a second planned "
        + "one: safe to repeat) and print a summary line.")
final class WinbackCommand extends InsightCommands.AsOf {
    @Option(names = "--create", description = "Plan their win-back follow-ups.")
    boolean create;

    @Override
    public Integer call() {
        if (asOf != null && date(asOf) == null) {
            return FAILED;
        }
        return withServices(services -> {
            InsightService insights = services.get(InsightService.class);
            WinbackService winback = services.get(WinbackService.class);
            LocalDate today = insights.today();
            AtRiskList list = winback.atRisk(day(today));
            PrintWriter out = out();
            for (AtRiskCustomer c : list.customers()) {
                out.println(c.code() + "\t" + c.name() + "\t" + InsightCommands.number(c.valueAtRisk().doubleValue())
                        + "\t" + c.reason().text(messages()));
            }
            if (list.customers().isEmpty()) {
                err().println(messages().get(list.buyers() == 0 ? "insight.atRisk.noPurchases" : "insight.atRisk.none"));
            } else if (!list.modelFitted()) {
                err().println(messages().get("insight.atRisk.bySpend"));
            }
            if (create) {
                WinbackPlan plan = new WinbackPlan(null, today, null, WinbackPlan.DEFAULT_COUPON_DAYS);
                out.println(winback.plan(list.customers(), plan, messages()).summary(messages()));
            }
            out.flush();
            return OK;
        });
    }
}
