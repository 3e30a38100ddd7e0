using System.Globalization;

namespace Berth.Storage.Glance;

/// <summary>
/// The image properties that make images a tree of paths. Every image of the registry has berth_store (the configured
/// namespace), berth_kind, berth_path and one berth_a{k} per ancestor directory ("/a", "/a/b" for "/a/b/c"), so the
/// images under a directory are one filtered listing (Glance filters on any property, but on exact values only).
/// </summary>
internal static class GlanceProperties
{
    public const string Store = "berth_store";
    public const string Kind = "berth_kind";
    public const string Path = "berth_path";

    /// <summary>Orders an object's versions: the one with the greatest stamp is current ("last commit wins").</summary>
    public const string Stamp = "berth_stamp";

    /// <summary>The position of a closed writer's segment in its upload.</summary>
    public const string Segment = "berth_segment";

    /// <summary>Glance allows 128 properties per image; the ancestors take one each.</summary>
    public const int MaxDepth = 100;

    /// <summary>A committed object, visible at its path.</summary>
    public const string ObjectKind = "object";

    /// <summary>What a closed, uncommitted writer left: its bytes, to be continued by a writer opened with append.</summary>
    public const string SegmentKind = "segment";

    /// <summary>The image a running writer streams into.</summary>
    public const string WritingKind = "writing";

    public static string Ancestor(int depth) => "berth_a" + depth.ToString(CultureInfo.InvariantCulture);

    /// <summary>The number of directories above the path ("/a/b/c": 2; "/": 0).</summary>
    public static int Depth(string path) => path == "/" ? 0 : path.Count(c => c == '/') - 1;

    /// <summary>The filter that selects everything under a directory (nothing for "/": every image of the store).</summary>
    public static (string Key, string Value)[] Under(string directory) =>
        directory == "/" ? [] : [(Ancestor(Depth(directory) + 1), directory)];

    /// <summary>The properties that place an image of <paramref name="kind"/> at <paramref name="path"/>.</summary>
    public static Dictionary<string, string> At(string path, string kind)
    {
        var properties = new Dictionary<string, string> { [Kind] = kind, [Path] = path };
        var depth = 0;
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            properties[Ancestor(++depth)] = path[..slash];
        }

        return depth > MaxDepth
            ? throw new IOException($"{path} is {depth} directories deep; Glance's 128 properties per image allow {MaxDepth}.")
            : properties;
    }

    public static string NewStamp(TimeProvider time) =>
        time.GetUtcNow().UtcTicks.ToString("D20", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The name Glance shows for the image: the path, cut to Glance's 255 characters.</summary>
    public static string DisplayName(string path) => path.Length <= 255 ? path : path[^255..];
}
