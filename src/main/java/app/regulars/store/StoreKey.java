package app.regulars.store;

import app.regulars.i18n.UserException;
import app.regulars.tables.AtomicFile;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The key of an encrypted data file and its backups (docs/decisions/0022-encryption.md): 256 bits
 * derived from the user's password with PBKDF2-HMAC-SHA256 (the JDK's own, {@value #ITERATIONS}
 * iterations) and a random salt. The salt, the iteration count and a check value (an HMAC of a
 * fixed text under the key: it tells a wrong password from a damaged file, and gives away nothing
 * an attacker could not get from the file itself) are {@link Params}, kept beside the data file
 * ({@value #FILE}) and in each backup's manifest; the key itself is never written anywhere.
 *
 * <p>H2 is handed the key as 64 hex digits, its "file password" ({@code CIPHER=AES}, the JDBC
 * password {@code "<hex> <user password>"}): H2's own step from that text to its AES key (10
 * PBKDF2 iterations, the high byte of each character dropped) then works on 256 random bits in
 * plain ASCII, so it loses nothing and protects nothing: the protection is the derivation here.
 */
public final class StoreKey {
    /** The key parameters of the data file, beside it. */
    public static final String FILE = Database.FILE_NAME + ".key";
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023); kept in {@link Params}, so a later release can raise it. */
    public static final int ITERATIONS = 600_000;
    private static final int KEY_BITS = 256;
    private static final int SALT_BYTES = 16;
    private static final byte[] CHECK_TEXT = "Regulars key check".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a key is derived (not secret): the algorithm, its iterations, the salt, and the check of the right key. */
    public record Params(String algorithm, int iterations, byte[] salt, byte[] check) {
        public Params {
            salt = salt.clone();
            check = check.clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] check() {
            return check.clone();
        }

        /** Whether {@code other} derives the same key from the same password (same algorithm, iterations and salt). */
        public boolean sameAs(Params other) {
            return other != null && algorithm.equals(other.algorithm) && iterations == other.iterations
                    && Arrays.equals(salt, other.salt) && Arrays.equals(check, other.check);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Params p && sameAs(p);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(salt);
        }

        @Override
        public String toString() {
            return algorithm + "/" + iterations + "/" + Base64.getEncoder().encodeToString(salt);
        }

        /** Puts these into {@code p} under {@code prefix} ({@code key.} in a backup's manifest, nothing beside the data file). */
        void store(Properties p, String prefix) {
            p.setProperty(prefix + "algorithm", algorithm);
            p.setProperty(prefix + "iterations", Integer.toString(iterations));
            p.setProperty(prefix + "salt", Base64.getEncoder().encodeToString(salt));
            p.setProperty(prefix + "check", Base64.getEncoder().encodeToString(check));
        }

        /** What {@link #store} put under {@code prefix}; empty when there is none; a {@code UserException} when it is unreadable. */
        static Optional<Params> load(Properties p, String prefix, String where) {
            if (p.getProperty(prefix + "salt") == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Params(p.getProperty(prefix + "algorithm", ALGORITHM),
                        Integer.parseInt(p.getProperty(prefix + "iterations", "").strip()),
                        Base64.getDecoder().decode(p.getProperty(prefix + "salt").strip()),
                        Base64.getDecoder().decode(p.getProperty(prefix + "check", "").strip())));
            } catch (RuntimeException e) {
                throw new UserException(e, "store.error.keyFile", where);
            }
        }
    }

    private final Params params;
    private final byte[] key;

    private StoreKey(Params params, byte[] key) {
        this.params = params;
        this.key = key;
    }

    /** A new key for {@code password}: a new random salt. */
    public static StoreKey create(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] key = pbkdf2(ALGORITHM, password, salt, ITERATIONS);
        return new StoreKey(new Params(ALGORITHM, ITERATIONS, salt, check(key)), key);
    }

    /** The key {@code password} gives with {@code params}; a {@code UserException} ({@code store.error.wrongPassword}) when it is not the right one. */
    public static StoreKey derive(char[] password, Params params) {
        byte[] key = pbkdf2(params.algorithm(), password, params.salt(), params.iterations());
        if (!MessageDigest.isEqual(check(key), params.check())) {
            throw new UserException("store.error.wrongPassword");
        }
        return new StoreKey(params, key);
    }

    private static byte[] pbkdf2(String algorithm, char[] password, byte[] salt, int iterations) {
        if (!ALGORITHM.equals(algorithm)) {
            throw new UserException("store.error.keyFile", algorithm);
        }
        // The JDK encodes the characters as UTF-8: every character counts, Chinese ones whole.
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no " + ALGORITHM, e);
        } finally {
            spec.clearPassword();
        }
    }

    /**
     * A person's PIN as it is kept (decision 0033): {@code PBKDF2WithHmacSHA256$iterations$salt$hash},
     * the same derivation as a key's, with its own random salt; never the PIN itself.
     */
    public static String pinHash(char[] pin) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(ALGORITHM, pin, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        return ALGORITHM + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code pin} is the one {@code stored} ({@link #pinHash}) was made from; false for anything unreadable. */
    public static boolean pinMatches(char[] pin, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(pbkdf2(ALGORITHM, pin, salt, Integer.parseInt(parts[1])), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] check(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(CHECK_TEXT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no HmacSHA256", e);
        }
    }

    public Params params() {
        return params;
    }

    /** H2's file password: the key as 64 hex digits (a new array each time: H2 clears what it is given). */
    char[] fileKey() {
        return HexFormat.of().formatHex(key).toCharArray();
    }

    /** The JDBC password for a store opened with {@code CIPHER=AES}: the file password, a space, the (empty) user password. */
    String jdbcPassword() {
        return HexFormat.of().formatHex(key) + " ";
    }

    /** What goes into the JDBC address of an encrypted file. */
    static final String URL_SETTINGS = ";CIPHER=AES;TRACE_LEVEL_FILE=0";

    /** The JDBC password for a file encrypted with {@code key}, or not at all (null). */
    static String jdbcPassword(StoreKey key) {
        return key == null ? "" : key.jdbcPassword();
    }

    /** The JDBC settings for a file encrypted with {@code key}, or not at all (null): none then. */
    static String urlSettings(StoreKey key) {
        return key == null ? "" : URL_SETTINGS;
    }

    /** H2's file password for {@code key}, or null for a file that is not encrypted. */
    static char[] fileKey(StoreKey key) {
        return key == null ? null : key.fileKey();
    }

    /** Whether two keys (either may be null: no encryption) encrypt alike. */
    static boolean same(StoreKey a, StoreKey b) {
        return a == null ? b == null : b != null && a.params.sameAs(b.params);
    }

    /** The key parameters kept beside the data file of {@code dataDirectory}; empty when it is not encrypted. */
    public static Optional<Params> read(Path dataDirectory) {
        return readFile(dataDirectory.resolve(FILE));
    }

    static Optional<Params> readFile(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UserException(e, "store.error.keyFile", file.toString());
        }
        Optional<Params> params = Params.load(p, "", file.toString());
        if (params.isEmpty()) {
            throw new UserException("store.error.keyFile", file.toString());
        }
        return params;
    }

    /** Writes {@code params} to {@code file} whole or not at all, and syncs it. */
    static void write(Params params, Path file) {
        Properties p = new Properties();
        params.store(p, "");
        AtomicFile.write(file, out -> {
            p.store(out, "Regulars: how the key of the data file is derived from its password (not the key itself)."
                    + " Without this file the password cannot open the data.");
            return null;
        });
        Compaction.sync(file);
    }
}
