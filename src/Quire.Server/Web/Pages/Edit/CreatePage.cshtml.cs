using Quire.Core.Content;
using Quire.Core.Spaces;
using Quire.Server.Web.Editing;

namespace Quire.Server.Web.Pages.Edit;

/// <summary><c>/wiki/spaces/KEY/pages/create</c> (<c>?parentId=</c> for a child page): a new page from Markdown.</summary>
public sealed class CreatePageModel(ContentService content, SpaceAccess spaces, EditableContent editable)
    : ContentCreateModel(content, spaces, editable)
{
    protected override string ContentType => ContentRules.Page;
    public override string Heading => "Create a page";
    public override string SubmitLabel => "Publish";
}
