package app.regulars.survey;

import java.util.List;
import java.util.Map;

/**
 * The figures of a survey over a period. {@code nps} is the percentage of promoters (9-10)
 * minus the percentage of detractors (0-6) among scored responses; {@code csatAverage} the
 * mean score and {@code csatTopShare} the percentage of 4-5. Each is null when nothing was scored.
 */
public record SurveyResults(long responses, long scored, long promoters, long passives, long detractors,
                            Double nps, Double csatAverage, Double csatTopShare,
                            Map<Integer, Long> distribution, List<TrendPoint> trend) {
    public SurveyResults {
        distribution = Map.copyOf(distribution);
        trend = List.copyOf(trend);
    }

    /** One month or quarter of the trend: {@code period} is "2026-11" or "2026-Q4". */
    public record TrendPoint(String period, long responses, Double nps, Double csatAverage) {
    }
}
