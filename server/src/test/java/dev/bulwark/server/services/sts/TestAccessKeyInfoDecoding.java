package dev.bulwark.server.services.sts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class TestAccessKeyInfoDecoding
{
    @Test
    void decodesTheAccountAwsEncodesInKeyIds()
    {
        // A published AWS key ID and the account GetAccessKeyInfo returned for it (Tal Be'ery, "A short note on AWS
        // KEY ID", 2023); the same bits for a long-term AKIA key.
        assertThat(AccessKeyInfoOperations.decodeAccount("ASIAY34FZKBOKMUTVV7A")).contains("609629065308");
        assertThat(AccessKeyInfoOperations.decodeAccount("AKIAY34FZKBOKMUTVV7A")).contains("609629065308");
    }

    @Test
    void rejectsWhatIsNotAnAccessKeyId()
    {
        assertThat(AccessKeyInfoOperations.decodeAccount("AIDAY34FZKBOKMUTVV7A")).isEmpty();
        assertThat(AccessKeyInfoOperations.decodeAccount("AKIA0189ZKBOKMUTVV7A")).as("0, 1, 8 and 9 are not base32").isEmpty();
        assertThat(AccessKeyInfoOperations.decodeAccount("AKIA")).isEmpty();
    }
}
