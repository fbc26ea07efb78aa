package app.regulars.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;

/**
 * The log's setup, in code: the log in the data folder ({@code regulars.log.dir}, set by
 * {@link Regulars#main}), rolled daily and at 5 MB, 14 days and 50 MB at most. Logback finds
 * it through {@code META-INF/services} before it looks for an XML file; reading one took
 * about 500 classes (Joran's and an XML parser's) and 0.5-0.9 s of every start.
 * Where a {@code logback-test.xml} is on the class path (the tests), that file is used unless
 * {@value #FORCE} is true (the start benchmark, which runs the program with the test classes);
 * a file named by {@code -Dlogback.configurationFile} is always used.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** Set to true: this setup even where the tests' file is on the class path. */
    public static final String FORCE = "regulars.log.program";
    /** Lines of libraries that say nothing a shop owner's log needs below this level. */
    private static final String[][] QUIETER = {{"org.flywaydb", "WARN"}, {"org.jooq", "WARN"}, {"org.jooq.Constants", "OFF"}};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // a file given on purpose: logback reads it
        }
        if (!Boolean.getBoolean(FORCE) && LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String dir = System.getProperty("regulars.log.dir", System.getProperty("java.io.tmpdir"));

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        // no personal data in the log: messages and exceptions masked (PrivateText)
        @SuppressWarnings("unchecked")
        java.util.Map<String, String> rules = (java.util.Map<String, String>) context.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
        if (rules == null) {
            rules = new java.util.HashMap<>();
            context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
        }
        rules.put("privateMsg", PrivateText.Message.class.getName());
        rules.put("privateEx", PrivateText.Exception.class.getName());
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %privateMsg%n%privateEx");
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName("FILE");
        file.setFile(dir + "/regulars.log");
        file.setEncoder(encoder);

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(dir + "/regulars.%d{yyyy-MM-dd}.%i.log");
        rolling.setMaxFileSize(FileSize.valueOf("5MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("50MB"));
        rolling.start();
        file.setRollingPolicy(rolling);
        file.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(file);
        for (String[] quieter : QUIETER) {
            context.getLogger(quieter[0]).setLevel(Level.toLevel(quieter[1]));
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
