using System.Text.Json.Serialization;
using Quire.Core.Labels;
using Quire.Core.Security;
using Quire.Core.Templates;
using Quire.Server.Api.Content;
using Quire.Server.Api.Experimental;
using Quire.Server.Api.Space;
using Quire.Server.Http;

namespace Quire.Server.Api.Template;

/// <summary>ContentTemplateCreate and ContentTemplateUpdate (the update also names its template).</summary>
public sealed record TemplateRequest(
    string? TemplateId, string? Name, string? TemplateType, BodyRequest? Body, string? Description, IReadOnlyList<NewLabel?>? Labels,
    SpaceKeyRequest? Space)
{
    public TemplateInput ToInput()
    {
        // One body format is sent; only storage is kept. Another format is named so its 400 says which.
        var other = Body is null ? null
            : Body.Editor is not null ? "editor" : Body.View is not null ? "view" : Body.Wiki is not null ? "wiki"
            : Body.AtlasDocFormat is not null ? "atlas_doc_format" : null;
        var representation = Body?.Storage is { } storage ? storage.Representation ?? "storage" : other;
        return new TemplateInput(TemplateId, Name, TemplateType, Body?.Storage?.Value, representation,
            BodyGiven: Body?.Storage is not null || other is not null, Description, Labels, Space?.Key);
    }
}

/// <summary>The spec's ContentTemplate.</summary>
public sealed class TemplateJson
{
    public required string TemplateId { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<LabelJson> Labels { get; init; }
    public required string TemplateType { get; init; }
    public SpaceJson? Space { get; init; }
    public TemplateBodyJson? Body { get; init; }

    [JsonPropertyName("_expandable")]
    public required Dictionary<string, string> Expandable { get; init; }

    [JsonPropertyName("_links")]
    public required Dictionary<string, string> Links { get; init; }
}

public sealed record TemplateBodyJson(ContentBodyJson Storage);

public sealed class TemplateRenderer(SpaceRenderer spaces, ApiLinks links)
{
    public TemplateJson Render(TemplateView view, Caller caller, bool withBody)
    {
        var template = view.Template;
        var id = template.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new TemplateJson
        {
            TemplateId = id,
            Name = template.Name,
            Description = template.Description,
            Labels = view.Labels.Select(l => LabelJson.Of(l.Prefix, l.Name, l.Id)).ToList(),
            TemplateType = template.TemplateType,
            Space = view.Space is { } space ? spaces.Render(space, caller, Expansion.None, topLevel: false) : null,
            Body = withBody
                ? new TemplateBodyJson(new ContentBodyJson
                {
                    Value = template.BodyStorage, Representation = "storage", Expandable = new VersionExpandableJson(),
                })
                : null,
            Expandable = withBody ? [] : new Dictionary<string, string> { ["body"] = "" },
            Links = links.Envelope(links.Api($"/rest/api/template/{id}")),
        };
    }
}
