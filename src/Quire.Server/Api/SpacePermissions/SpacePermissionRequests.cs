using Quire.Core.Spaces;

namespace Quire.Server.Api.SpacePermissions;

/// <summary>The v1 SpacePermissionCreate request: an operation and the users and groups it is granted to.</summary>
public sealed record SpacePermissionCreateRequest(
    SpacePermissionSubjectsRequest? Subjects, SpacePermissionOperationRequest? Operation, bool? AnonymousAccess, bool? UnlicensedAccess)
{
    public SpaceGrantRequest ToGrant() => new(
        Operation?.Operation, Operation?.TargetType,
        Subjects?.User?.Results?.Select(u => u?.AccountId).ToList() ?? [],
        Subjects?.Group?.Results?.Select(g => g?.Name).ToList() ?? [],
        AnonymousAccess ?? false);
}

public sealed record SpacePermissionSubjectsRequest(SubjectListRequest<SubjectUserRequest>? User, SubjectListRequest<SubjectGroupRequest>? Group);

public sealed record SubjectListRequest<T>(IReadOnlyList<T?>? Results, int? Size);

public sealed record SubjectUserRequest(string? AccountId);

public sealed record SubjectGroupRequest(string? Name);

public sealed record SpacePermissionOperationRequest(string? Operation, string? TargetType);
