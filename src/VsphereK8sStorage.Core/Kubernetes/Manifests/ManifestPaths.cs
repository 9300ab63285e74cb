using System.Text;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>
/// A named stream of manifests: a file, or standard input ("-"). Files also open as bytes, which lets
/// JSON skip decoding to text and back.
/// </summary>
public sealed record ManifestSource(string DisplayName, Func<TextReader> Open)
{
    /// <summary>UTF-8 that refuses invalid bytes instead of replacing them; a byte order mark selects UTF-16 or UTF-32.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Opens the raw bytes, where the source has them; null for text-only sources.</summary>
    public Func<Stream>? OpenBytes { get; init; }

    public static ManifestSource FromFile(string path) => new(path, () => new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: true))
    {
        OpenBytes = () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan),
    };
}

/// <summary>
/// Expands the paths of a <see cref="ManifestSourceSpec"/> into the files to read, the way
/// <c>kubectl apply -f</c> does: files as given, directories by their <c>.yaml</c>, <c>.yml</c> and
/// <c>.json</c> files (with Recurse, their subdirectories too), '-' as standard input, in a stable order.
/// </summary>
/// <remarks>
/// Design: every real file is read once and every real directory walked once, whatever symbolic
/// links lead to them, so a link to a parent directory (or two) ends the walk instead of repeating it
/// forever. A link that leads nowhere is an error for that file alone; the other files are still read.
/// </remarks>
public static class ManifestPaths
{
    private static readonly string[] ManifestExtensions = { ".yaml", ".yml", ".json" };

    // The kernel gives up after 40 links in one path (ELOOP); so do we.
    private const int MaxLinkHops = 40;

    public static IReadOnlyList<ManifestSource> Resolve(ManifestSourceSpec spec, IOperationHost host)
    {
        var sources = new List<ManifestSource>();
        var seenFiles = new HashSet<string>(StringComparer.Ordinal);
        var seenDirectories = new HashSet<string>(StringComparer.Ordinal);
        var standardInputRead = false;
        foreach (var path in spec.Paths)
        {
            if (path == ManifestSourceSpec.StandardInputPath)
            {
                if (spec.StandardInput is null)
                {
                    throw new InvalidParameterException("StandardInputUnavailable", "Path", "'-' stands for standard input, which this host does not offer; pass the path of a file or folder.", path);
                }

                if (standardInputRead)
                {
                    throw new InvalidParameterException("StandardInputTwice", "Path", "'-' (standard input) is given twice; standard input can be read only once.", path);
                }

                standardInputRead = true;
                sources.Add(new ManifestSource("<stdin>", spec.StandardInput));
            }
            else if (File.Exists(path))
            {
                // Also a link that leads nowhere (File.Exists says so on Unix): reading it reports that.
                AddFile(sources, seenFiles, path, RealPath(path));
            }
            else if (Directory.Exists(path))
            {
                var files = new List<FoundFile>();
                Walk(path, spec.Recurse, seenDirectories, files);
                if (files.Count == 0)
                {
                    host.WriteWarning($"{path} holds no .yaml, .yml or .json files{(spec.Recurse ? string.Empty : $" (add {Param.Name("Recurse")} to read its subdirectories)")}");
                }

                foreach (var file in files.OrderBy(f => f.Display, StringComparer.Ordinal))
                {
                    AddFile(sources, seenFiles, file.Display, file.Real);
                }
            }
            else
            {
                throw new PathNotFoundException(path, "it is neither a file nor a directory");
            }
        }

        if (spec.Piped is { } piped)
        {
            sources.AddRange(piped.Sources());
        }

        return sources;
    }

    // Records, not tuples: generic collections and LINQ over a value type are compiled at a session's first use.
    private sealed record FoundFile(string Display, string? Real);

    private sealed record FoundDirectory(string Display, string Real);

    // Each real directory once: breadth first, children in name order.
    private static void Walk(string root, bool recurse, HashSet<string> seenDirectories, List<FoundFile> files)
    {
        var pending = new Queue<FoundDirectory>();
        if (RealPath(root) is { } realRoot)
        {
            pending.Enqueue(new FoundDirectory(root, realRoot));
        }

        while (pending.Count > 0)
        {
            var (directory, real) = pending.Dequeue();
            if (!seenDirectories.Add(real))
            {
                continue;
            }

            var entries = new DirectoryInfo(directory).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var display = Path.Combine(directory, entry.Name);
                var isLink = entry.LinkTarget is not null;
                var entryReal = isLink ? RealPath(display) : Path.Combine(real, entry.Name);
                if (entryReal is not null && (isLink ? Directory.Exists(entryReal) : entry is DirectoryInfo))
                {
                    if (recurse)
                    {
                        pending.Enqueue(new FoundDirectory(display, entryReal));
                    }
                }
                else if (ManifestExtensions.Contains(Path.GetExtension(entry.Name), StringComparer.OrdinalIgnoreCase))
                {
                    // A link that leads nowhere (or in a circle) is kept: reading it reports the problem.
                    files.Add(new FoundFile(display, entryReal is not null && File.Exists(entryReal) ? entryReal : null));
                }
            }
        }
    }

    private static void AddFile(List<ManifestSource> sources, HashSet<string> seenFiles, string display, string? real)
    {
        if (real is null)
        {
            var target = LinkTarget(display) ?? "nothing";
            sources.Add(new ManifestSource(display, () => throw new FileNotFoundException($"it is a symbolic link to '{target}', which does not exist or leads in a circle; fix or remove the link")));
        }
        else if (seenFiles.Add(real))
        {
            sources.Add(ManifestSource.FromFile(display));
        }
    }

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The path with every symbolic link on it resolved; null when a link leads nowhere or in a circle.</summary>
    internal static string? RealPath(string path)
    {
        var remaining = new Stack<string>();
        var full = Path.GetFullPath(path);
        var current = Path.GetPathRoot(full)!;
        PushParts(remaining, full.Substring(current.Length));
        var hops = 0;
        while (remaining.Count > 0)
        {
            var next = Path.Combine(current, remaining.Pop());
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (IOException)
            {
                return null;
            }

            if (target is null)
            {
                current = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                return null;
            }

            var resolved = Path.GetFullPath(Path.IsPathRooted(target) ? target : Path.Combine(current, target));
            current = Path.GetPathRoot(resolved)!;
            PushParts(remaining, resolved.Substring(current.Length));
        }

        return File.Exists(current) || Directory.Exists(current) ? current : null;
    }

    private static void PushParts(Stack<string> remaining, string relative)
    {
        var parts = relative.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            remaining.Push(parts[i]);
        }
    }
}
