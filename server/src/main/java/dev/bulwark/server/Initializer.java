package dev.bulwark.server;

import dev.bulwark.server.config.ServerConfig;
import dev.bulwark.server.services.iam.AwsManagedPolicies;
import dev.bulwark.server.services.iam.IamStore;
import dev.bulwark.server.services.iam.model.AccessKey;
import dev.bulwark.server.services.iam.model.Account;
import dev.bulwark.server.services.iam.model.Group;
import dev.bulwark.server.services.iam.model.IamIds;
import dev.bulwark.server.services.iam.model.User;
import dev.bulwark.server.http.TlsMaterial;
import dev.bulwark.server.store.Passwords;
import dev.bulwark.server.store.SecretBox;
import dev.bulwark.server.store.Store;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code bulwark init}: the first account, secured the way AWS recommends — a root user with a strong password
 * and no access keys, an {@code Administrators} group with {@code AdministratorAccess}, and an {@code admin}
 * IAM user in it whose access keys are the ones people use day to day.
 */
public final class Initializer
{
    public static final String ADMIN_GROUP = "Administrators";
    public static final String ADMIN_USER = "admin";
    public static final String DEFAULT_ROOT_EMAIL = "root@bulwark.localhost";

    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%^&*()-_=+";

    private Initializer() {}

    /** Creates the first account unless the store already holds one; the result is shown to the operator once. */
    public static Optional<Result> initializeIfEmpty(ServerConfig config, Clock clock, String rootEmail)
    {
        requireNonNull(config, "config is null");
        try (Store store = Store.open(config.dataDir(), config.storeUrl().orElse(null))) {
            IamStore iam = new IamStore(SecretBox.openOrCreate(config.dataDir()), IamIds.secure(), clock);
            AwsManagedPolicies.seed(store, iam);
            config.tlsPort().ifPresent(port -> TlsMaterial.ensureSelfSigned(config.dataDir()));
            // Most starts find the account already there: don't pay for a password hash to learn that.
            if (!store.readOnly(tx -> iam.listAccounts(tx).isEmpty())) {
                return Optional.empty();
            }
            String rootPassword = generatePassword(new SecureRandom());
            String rootHash = Passwords.standard().hash(rootPassword);
            return store.inTransaction(tx -> {
                if (!iam.listAccounts(tx).isEmpty()) {
                    return Optional.empty();
                }
                Account account = iam.createAccount(tx, "bulwark", rootEmail, rootHash);
                Group admins = iam.createGroup(tx, account.id(), ADMIN_GROUP, "/");
                iam.attachPolicy(tx, admins.asOwner(), AwsManagedPolicies.ADMINISTRATOR_ACCESS);
                User admin = iam.createUser(tx, account.id(), ADMIN_USER, "/", null);
                iam.addUserToGroup(tx, admins, admin);
                AccessKey key = iam.createAccessKey(tx, account.id(), admin);
                return Optional.of(new Result(account.id(), rootEmail, rootPassword, admin.arn(), key.accessKeyId(), key.secretAccessKey()));
            });
        }
    }

    /** 24 characters from upper, lower, digits and symbols, so it passes any IAM password policy. */
    static String generatePassword(SecureRandom random)
    {
        while (true) {
            StringBuilder password = new StringBuilder(24);
            for (int i = 0; i < 24; i++) {
                password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
            }
            String text = password.toString();
            if (text.chars().anyMatch(Character::isUpperCase) && text.chars().anyMatch(Character::isLowerCase)
                    && text.chars().anyMatch(Character::isDigit) && text.chars().anyMatch(c -> !Character.isLetterOrDigit(c))) {
                return text;
            }
        }
    }

    /** What init created; the root password and the secret key exist nowhere else in plaintext. */
    public record Result(String accountId, String rootEmail, String rootPassword, String adminArn, String accessKeyId, String secretAccessKey)
    {
        @Override
        public String toString()
        {
            return "Result[accountId=" + accountId + ", rootEmail=" + rootEmail + ", adminArn=" + adminArn + ", accessKeyId=" + accessKeyId + "]";
        }
    }
}
