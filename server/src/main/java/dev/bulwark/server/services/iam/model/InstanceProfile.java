package dev.bulwark.server.services.iam.model;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** An IAM instance profile: a container for (at most) one role that EC2 instances run as. */
public record InstanceProfile(String accountId, String name, String path, String instanceProfileId, Instant created)
{
    public InstanceProfile
    {
        Arns.requireAccountId(accountId);
        requireNonNull(name, "name is null");
        Arns.requirePath(path);
        requireNonNull(instanceProfileId, "instanceProfileId is null");
        requireNonNull(created, "created is null");
    }

    /** {@code arn:aws:iam::<account>:instance-profile<path><name>}. */
    public String arn()
    {
        return Arns.iam(accountId, "instance-profile", path, name);
    }
}
