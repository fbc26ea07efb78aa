package app.regulars.customer;


import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The columns of a customer CSV file: the canonical (English) header the export writes,
 * and the English and Chinese headers the import also accepts, compared case-insensitively
 * with {@code _}, {@code -} and runs of spaces taken as one space.
 */
public enum CustomerColumn {
    CODE("code", CustomerField.CODE, "会员卡号", "卡号", "编号", "会员号", "card number", "member code"),
    NAME("name", CustomerField.NAME, "姓名", "名字", "full name", "customer"),
    PHONES("phones", CustomerField.PHONES, "phone", "mobile", "phone number", "mobile phone", "tel", "手机", "电话", "手机号", "手机号码", "电话号码"),
    EMAIL("email", CustomerField.EMAIL, "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"),
    WECHAT("wechat", CustomerField.WECHAT, "wechat id", "weixin", "微信", "微信号"),
    GENDER("gender", null, "sex", "性别"),
    BIRTHDAY("birthday", CustomerField.BIRTHDAY, "birth date", "date of birth", "生日", "出生日期"),
    ADDRESS("address", CustomerField.ADDRESS, "地址", "住址"),
    COMPANY("company", CustomerField.COMPANY, "organization", "公司", "单位", "工作单位"),
    ROLE("role", CustomerField.JOB_TITLE, "title", "job title", "job", "职位", "职务"),
    SOURCE("source", CustomerField.SOURCE, "来源", "客户来源"),
    TAGS("tags", CustomerField.TAGS, "tag", "标签"),
    NOTES("notes", CustomerField.NOTES, "note", "remarks", "备注"),
    PREFERENCES("preferences", CustomerField.PREFERENCES, "preference", "偏好", "喜好"),
    MARKETING_CONSENT("marketing_consent", null, "consent", "营销同意", "同意营销"),
    CONSENT_DATE("consent_date", CustomerField.CONSENT, "同意日期"),
    OPT_OUTS("opt_outs", null, "opt out", "opt-outs", "optouts", "退订"),
    /** Written only when archived customers are exported; read as archived (yes) or not. */
    ARCHIVED("archived", null, "归档", "已归档"),
    /** When the customer was added (the profile's "customer since"). */
    CREATED("created", null, "created at", "customer since", "member since", "加入日期", "入会日期", "注册日期", "创建时间");

    private static final Map<String, CustomerColumn> BY_HEADER = new HashMap<>();

    static {
        for (CustomerColumn c : values()) {
            BY_HEADER.put(key(c.header), c);
            for (String alias : c.aliases) {
                BY_HEADER.put(key(alias), c);
            }
        }
    }

    private final String header;
    private final CustomerField field;
    private final List<String> aliases;

    CustomerColumn(String header, CustomerField field, String... aliases) {
        this.header = header;
        this.field = field;
        this.aliases = List.of(aliases);
    }

    /** The header the export writes. */
    public String header() {
        return header;
    }

    /** The field that validation reports problems on, when this column is its source. */
    CustomerField field() {
        return field;
    }

    /** The column a header names, if it is one we know. */
    public static Optional<CustomerColumn> forHeader(String header) {
        return Optional.ofNullable(BY_HEADER.get(key(header)));
    }

    /** The column whose value a validation problem on {@code field} is about. */
    static CustomerColumn of(CustomerField field) {
        for (CustomerColumn c : values()) {
            if (c.field == field) {
                return c;
            }
        }
        throw new IllegalArgumentException(field.name());
    }

    static String key(String header) {
        return header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]+", " ").strip();
    }
}
