package app.regulars.app.cli;

import app.regulars.feature.CommandGroup;
import app.regulars.feature.FeatureCommand;
import app.regulars.i18n.UserException;
import app.regulars.store.Encryption;
import app.regulars.store.Password;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code security encrypt|decrypt|change-password}: a password over the data file and its backups
 * (docs/decisions/0022-encryption.md). The password comes from {@value RegularsCommand#PASSWORD_ENV}
 * or a prompt; the new one of {@code change-password} from {@value RegularsCommand#NEW_PASSWORD_ENV}
 * or a prompt, typed twice.
 */
@Command(name = "security", description = "Protect the data and its backups with a password, change it, or remove it.",
        subcommands = {SecurityCommand.Encrypt.class, SecurityCommand.Decrypt.class, SecurityCommand.ChangePassword.class})
public final class SecurityCommand extends CommandGroup {
    @ParentCommand
    RegularsCommand root;

    /** A new password: from {@code variable}, else typed twice at the terminal (the two must match). */
    static Password newPassword(RegularsCommand root, String variable, String prompt) {
        char[] first = root.read(variable, root.messages().get(prompt));
        if (!root.inEnvironment(variable)) {
            char[] again = root.read(variable, root.messages().get("cli.security.promptAgain"));
            boolean same = Arrays.equals(first, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(first, '\0');
                throw new UserException("cli.security.mismatch");
            }
        }
        Password password = Password.of(first);
        Arrays.fill(first, '\0');
        return password;
    }

    static void report(RegularsCommand root, PrintWriter out, PrintWriter err, Encryption.Result r) {
        r.backups().left().forEach(f -> err.println(root.messages().get("cli.security.backupLeft", f)));
        out.println(root.messages().get(r.encrypted() ? "cli.security.encrypted" : "cli.security.decrypted",
                root.dataDirectory(), r.backups().done().size()));
        if (r.encrypted()) {
            out.println(root.messages().get("cli.security.keepIt"));
        }
    }

    @Command(name = "encrypt", description = "Protect the data and its backups with a password ($"
            + RegularsCommand.PASSWORD_ENV + ", else asked twice). Nothing can open them without it.")
    static final class Encrypt extends FeatureCommand {
        @ParentCommand
        SecurityCommand group;

        @Override
        public Integer call() {
            if (group.root.refusedOnServer(err(), "security encrypt")) {
                return FAILED;
            }
            RegularsCommand root = group.root;
            Path dir = root.dataDirectory();
            try {
                if (Encryption.encrypted(dir)) {
                    throw new UserException("security.error.already", dir.toString());
                }
                Password password = newPassword(root, RegularsCommand.PASSWORD_ENV, "cli.security.promptNew");
                if (!password.empty() && root.refusedToStaff(err(), "security")) { // once the passwords are read and good: the look opens the file
                    return FAILED;
                }
                report(root, out(), err(), Encryption.encrypt(dir, password, f -> { }));
                return OK;
            } catch (UserException e) {
                err().println(e.localizedMessage(messages()));
                return FAILED;
            }
        }
    }

    @Command(name = "decrypt", description = "Remove the password: the data and its backups are decrypted (the password: $"
            + RegularsCommand.PASSWORD_ENV + ", else asked).")
    static final class Decrypt extends FeatureCommand {
        @ParentCommand
        SecurityCommand group;

        @Override
        public Integer call() {
            if (group.root.refusedOnServer(err(), "security decrypt")) {
                return FAILED;
            }
            RegularsCommand root = group.root;
            Path dir = root.dataDirectory();
            try {
                if (!Encryption.encrypted(dir)) {
                    throw new UserException("security.error.notEncrypted", dir.toString());
                }
                if (root.refusedToStaff(err(), "security")) { // once the passwords are read and good: the look opens the file
                    return FAILED;
                }
                report(root, out(), err(), Encryption.decrypt(dir, root.password(), f -> { }));
                return OK;
            } catch (UserException e) {
                err().println(e.localizedMessage(messages()));
                return FAILED;
            }
        }
    }

    @Command(name = "change-password", description = "Change the password: the data and its backups get a new key (the password: $"
            + RegularsCommand.PASSWORD_ENV + ", else asked; the new one: $" + RegularsCommand.NEW_PASSWORD_ENV + ", else asked twice).")
    static final class ChangePassword extends FeatureCommand {
        @ParentCommand
        SecurityCommand group;

        @Override
        public Integer call() {
            if (group.root.refusedOnServer(err(), "security change-password")) {
                return FAILED;
            }
            RegularsCommand root = group.root;
            Path dir = root.dataDirectory();
            try {
                if (!Encryption.encrypted(dir)) {
                    throw new UserException("security.error.notEncrypted", dir.toString());
                }
                Password current = root.password();
                current.empty(); // asked now, before the new one
                Password next = newPassword(root, RegularsCommand.NEW_PASSWORD_ENV, "cli.security.promptNew");
                if (!next.empty() && root.refusedToStaff(err(), "security")) { // once the passwords are read and good: the look opens the file
                    return FAILED;
                }
                Encryption.Result r = Encryption.changePassword(dir, current, next, f -> { });
                r.backups().left().forEach(f -> err().println(messages().get("cli.security.backupLeft", f)));
                out().println(messages().get("cli.security.changed", dir, r.backups().done().size()));
                out().println(messages().get("cli.security.keepIt"));
                return OK;
            } catch (UserException e) {
                err().println(e.localizedMessage(messages()));
                return FAILED;
            }
        }
    }
}
