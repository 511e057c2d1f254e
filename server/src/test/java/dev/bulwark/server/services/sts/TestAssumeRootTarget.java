package dev.bulwark.server.services.sts;

import dev.bulwark.protocol.error.AwsErrorException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AssumeRoot's TargetPrincipal: a member account ID or its root user's ARN, nothing else. */
final class TestAssumeRootTarget
{
    @Test
    void accountIdOrRootArn()
    {
        assertThat(AssumeRootOperations.targetAccount("111122223333")).isEqualTo("111122223333");
        assertThat(AssumeRootOperations.targetAccount("arn:aws:iam::111122223333:root")).isEqualTo("111122223333");
    }

    @Test
    void anythingElseIsRefused()
    {
        for (String bad : new String[] {"11112222333", "arn:aws:iam::111122223333:user/alice", "arn:aws:sts::111122223333:root", "o-abcdefghij"}) {
            assertThatThrownBy(() -> AssumeRootOperations.targetAccount(bad)).as(bad).isInstanceOfSatisfying(AwsErrorException.class, e ->
                    assertThat(e.getMessage()).contains(bad));
        }
        assertThatThrownBy(() -> AssumeRootOperations.targetAccount(null)).isInstanceOf(AwsErrorException.class);
    }
}
