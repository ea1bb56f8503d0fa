using Quire.Core.Errors;
using Quire.Core.Roles;

namespace Quire.Core.Tests.Roles;

public sealed class SpaceRolePermissionsTests
{
    [Fact]
    public void A_set_is_stored_sorted_once_whatever_the_order_and_case_given()
    {
        Assert.Equal("create/page,export/space,read/space",
            SpaceRolePermissions.Validate(["export/space", "READ/space", "create/page", "read/space"]));
    }

    [Theory]
    [InlineData("export/space")]
    [InlineData("read/space,fly/space")]
    [InlineData("read/space,read")]
    [InlineData("read/space,/space")]
    public void Sets_that_are_not_space_permissions_with_read_are_refused(string ids)
    {
        Assert.Throws<BadRequestException>(() => SpaceRolePermissions.Validate(ids.Split(',')));
    }

    [Fact]
    public void Combination_ids_name_exactly_the_set_they_were_made_from()
    {
        var set = SpaceRolePermissions.Validate(["read/space", "export/space"]);
        Assert.Equal(set, PermissionCombinations.Decode(PermissionCombinations.IdOf(set)));
        // The same permissions out of order are not an id Quire gave.
        Assert.Throws<BadRequestException>(() => PermissionCombinations.Decode(PermissionCombinations.IdOf("read/space,export/space")));
        Assert.Throws<BadRequestException>(() => PermissionCombinations.Decode("!!"));
        Assert.Throws<BadRequestException>(() => PermissionCombinations.Decode(PermissionCombinations.IdOf("export/space")));
    }

    [Fact]
    public void Anonymous_may_hold_read_alone()
    {
        Assert.True(SpaceRolePermissions.AnonymousMayHold("read/space"));
        Assert.False(SpaceRolePermissions.AnonymousMayHold("create/comment,read/space"));
    }
}
