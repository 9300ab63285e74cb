using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Errors;
using VsphereK8sStorage.Hosting;

namespace VsphereK8sStorage.Kubernetes.Manifests;

/// <summary>A named stream of manifests: a file, or standard input ("-").</summary>
public sealed record ManifestSource(string DisplayName, Func<TextReader> Open)
{
    public static ManifestSource FromFile(string path) => new(path, () => new StreamReader(path));
}

/// <summary>
/// Expands the paths of a <see cref="ManifestSourceSpec"/> into the files to read, the way
/// <c>kubectl apply -f</c> does: files as given, directories by their <c>.yaml</c>, <c>.yml</c> and
/// <c>.json</c> files (with Recurse, their subdirectories too), '-' as standard input, in a stable order.
/// </summary>
public static class ManifestPaths
{
    private static readonly string[] ManifestExtensions = { ".yaml", ".yml", ".json" };

    public static IReadOnlyList<ManifestSource> Resolve(ManifestSourceSpec spec, IOperationHost host)
    {
        var sources = new List<ManifestSource>();
        var standardInputRead = false;
        foreach (var path in spec.Paths)
        {
            if (path == ManifestSourceSpec.StandardInputPath)
            {
                if (spec.StandardInput is null)
                {
                    throw new InvalidParameterException("PathNotFound", "Path", "'-' stands for standard input, which this host does not offer; pass the path of a file or folder.", path);
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
                sources.Add(ManifestSource.FromFile(path));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory
                    .EnumerateFiles(path, "*", spec.Recurse ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                    .Where(f => ManifestExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    host.WriteWarning($"{path} holds no .yaml, .yml or .json files{(spec.Recurse ? string.Empty : " (add -Recurse / --recurse to read its subdirectories)")}");
                }

                sources.AddRange(files.Select(ManifestSource.FromFile));
            }
            else
            {
                throw new InvalidParameterException("PathNotFound", "Path", $"Cannot find path '{path}': it is neither a file nor a directory. Check the spelling, or pass the folder that holds the manifests.", path);
            }
        }

        return sources;
    }
}
