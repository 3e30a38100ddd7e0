using Ganss.Xss;
using Markdig;

namespace Berth.Index.Repositories;

/// <summary>
/// README Markdown to HTML that is safe to embed: Markdig with its common extensions (tables, task lists, autolinks)
/// and raw HTML disabled, then HtmlSanitizer as the second line (scripts, event handlers, javascript: URLs removed).
/// </summary>
public sealed class ReadmeRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public ReadmeRenderer()
    {
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedAttributes.Add("class");
    }

    public string? Render(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? null : _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
}
