package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.iam.model.IamIds;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

final class TestIamIds
{
    private final IamIds ids = IamIds.secure();

    @Test
    void identifiersFollowAwsFormats()
    {
        record Case(String what, Supplier<String> generator, String pattern) {}
        for (Case c : new Case[] {
                new Case("account id", ids::accountId, "[1-9][0-9]{11}"),
                new Case("user id", ids::userId, "AIDA[A-Z2-7]{17}"),
                new Case("group id", ids::groupId, "AGPA[A-Z2-7]{17}"),
                new Case("role id", ids::roleId, "AROA[A-Z2-7]{17}"),
                new Case("policy id", ids::policyId, "ANPA[A-Z2-7]{17}"),
                new Case("access key id", ids::accessKeyId, "AKIA[A-Z2-7]{16}"),
                new Case("secret access key", ids::secretAccessKey, "[A-Za-z0-9+/]{40}"),
        }) {
            for (int i = 0; i < 200; i++) {
                assertThat(c.generator().get()).as(c.what()).matches(c.pattern());
            }
        }
    }

    @Test
    void accessKeyIdsDoNotRepeat()
    {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.accessKeyId())).isTrue();
        }
    }
}
