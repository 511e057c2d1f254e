package dev.bulwark.server.services.iam;

import dev.bulwark.server.services.Access;
import dev.bulwark.server.services.Invocation;
import dev.bulwark.server.services.Operation;
import dev.bulwark.server.services.ServiceOperations;
import dev.bulwark.server.store.DuplicateKeyException;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.CreateAccountAliasResponse;
import software.amazon.awssdk.services.iam.model.DeleteAccountAliasRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccountAliasResponse;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesRequest;
import software.amazon.awssdk.services.iam.model.ListAccountAliasesResponse;

import java.util.List;

import static dev.bulwark.server.services.iam.IamWire.read;
import static dev.bulwark.server.services.iam.IamWire.write;
import static java.util.Objects.requireNonNull;

/**
 * Account aliases: one per account, unique across every account on this server (AWS: across the partition). As
 * in AWS, creating an alias for an account that has one replaces it; a name any account already holds is refused
 * with {@code EntityAlreadyExists}. The alias pattern and length are checked from IAM's model before the handler.
 */
public final class IamAccountAliasOperations implements ServiceOperations
{
    private final InstanceProfileStore aliases;

    public IamAccountAliasOperations(InstanceProfileStore aliases)
    {
        this.aliases = requireNonNull(aliases, "aliases is null");
    }

    @Override
    public List<Operation<?, ?>> operations()
    {
        return List.of(
                write("CreateAccountAlias", CreateAccountAliasRequest.class, (in, r) -> List.of(Access.of("iam:CreateAccountAlias", "*")), this::createAccountAlias),
                write("DeleteAccountAlias", DeleteAccountAliasRequest.class, (in, r) -> List.of(Access.of("iam:DeleteAccountAlias", "*")), this::deleteAccountAlias),
                read("ListAccountAliases", ListAccountAliasesRequest.class, (in, r) -> List.of(Access.of("iam:ListAccountAliases", "*")), this::listAccountAliases));
    }

    private CreateAccountAliasResponse createAccountAlias(Invocation in, CreateAccountAliasRequest request)
    {
        try {
            aliases.setAccountAlias(in.transaction(), in.accountId(), request.accountAlias(), in.now());
        }
        catch (DuplicateKeyException e) {
            throw ProfileErrors.accountAliasExists(request.accountAlias());
        }
        return CreateAccountAliasResponse.builder().build();
    }

    private DeleteAccountAliasResponse deleteAccountAlias(Invocation in, DeleteAccountAliasRequest request)
    {
        if (!aliases.deleteAccountAlias(in.transaction(), in.accountId(), request.accountAlias())) {
            throw ProfileErrors.noSuchAccountAlias(request.accountAlias());
        }
        return DeleteAccountAliasResponse.builder().build();
    }

    private ListAccountAliasesResponse listAccountAliases(Invocation in, ListAccountAliasesRequest request)
    {
        // at most one alias per account, paged like every other list (a marker this server did not issue is refused)
        IamListPaging.Slice<String> page = IamListPaging.page(aliases.accountAlias(in.transaction(), in.accountId()).map(List::of).orElse(List.of()),
                request.marker(), request.maxItems());
        return ListAccountAliasesResponse.builder()
                .accountAliases(page.items())
                .isTruncated(page.isTruncated())
                .marker(page.nextMarker())
                .build();
    }
}
