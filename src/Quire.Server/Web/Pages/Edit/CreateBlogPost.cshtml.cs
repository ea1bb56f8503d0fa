using Quire.Core.Content;
using Quire.Core.Spaces;
using Quire.Server.Web.Editing;

namespace Quire.Server.Web.Pages.Edit;

/// <summary><c>/wiki/spaces/KEY/blog/create</c>: a new blog post from Markdown, dated today as the API's are.</summary>
public sealed class CreateBlogPostModel(ContentService content, SpaceAccess spaces, EditableContent editable)
    : ContentCreateModel(content, spaces, editable)
{
    protected override string ContentType => ContentRules.BlogPost;
    public override string Heading => "Write a blog post";
    public override string SubmitLabel => "Publish";
}
