using Quire.Core.Spaces;

namespace Quire.Server.ApiV2.Operation;

/// <summary>v2's <c>Operation</c>: an operation and the type of thing it is on (<c>update</c> of a <c>page</c>).</summary>
public sealed record V2OperationJson(string Operation, string TargetType)
{
    public static IReadOnlyList<V2OperationJson> Of(IEnumerable<SpaceOperation> operations) =>
        operations.Select(o => new V2OperationJson(o.Operation, o.TargetType)).ToList();
}

/// <summary>v2's <c>PermittedOperationsResponse</c>: the operations the caller may perform on the entity.</summary>
public sealed record V2PermittedOperationsJson(IReadOnlyList<V2OperationJson> Operations);
