package app.regulars.app;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

import java.util.regex.Pattern;

/**
 * Keeps personal data out of the log file ({@link LogSetup}): the program's own lines name
 * customers by id and files by path only, but an exception's text can carry what a row held
 * (H2 quotes the values of a failed statement, a message quotes the cell it refused). In a
 * line's message and its exception alike, quoted text becomes {@code '…'}, a run of seven or
 * more digits (a phone number) {@code #…}, and Chinese characters {@code …}.
 */
public final class PrivateText {
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"|“[^”\\n]*”|‘[^’\\n]*’");
    private static final Pattern NUMBER = Pattern.compile("\\+?\\d[\\d \\-]{5,}\\d");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

    private PrivateText() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = QUOTED.matcher(text).replaceAll(m -> m.group().charAt(0) + "…" + m.group().charAt(m.group().length() - 1));
        s = NUMBER.matcher(s).replaceAll("#…");
        return HAN.matcher(s).replaceAll("…");
    }

    /** {@code %privateMsg}: the formatted message, masked. */
    public static final class Message extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return mask(event.getFormattedMessage());
        }
    }

    /** {@code %privateEx}: the exception and its causes with their stack traces, their messages masked. */
    public static final class Exception extends ThrowableProxyConverter {
        @Override
        protected String throwableProxyToString(IThrowableProxy tp) {
            return mask(super.throwableProxyToString(tp));
        }
    }
}
