using System;
using System.Collections.Generic;

namespace VsphereK8sStorage.Errors;

/// <summary>Where in the input something was found: file, 1-based line and column, 1-based document index.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column, int Document)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>
/// One malformed manifest document. The message reads
/// <c>pv.yaml:12:7: document 2 (PersistentVolume dir-pv): spec.accessModes[0]: ...</c>
/// so an editor can jump to it and the user sees the object and the field at once.
/// </summary>
public sealed class ManifestException : VsphereK8sException
{
    public ManifestException(SourceLocation location, string? objectDescription, string fieldPath, string problem, Exception? innerException = null)
        : base("ManifestInvalid", ErrorKind.InvalidData, Format(location, objectDescription, fieldPath, problem), location.File, innerException)
    {
        Location = location;
        ObjectDescription = objectDescription;
        FieldPath = fieldPath;
        Problem = problem;
    }

    public SourceLocation Location { get; }

    /// <summary>"PersistentVolume pv0001", or null when the document has no usable kind/name yet.</summary>
    public string? ObjectDescription { get; }

    /// <summary>The field path inside the document, such as <c>spec.capacity.storage</c>; empty for the document as a whole.</summary>
    public string FieldPath { get; }

    public string Problem { get; }

    private static string Format(SourceLocation location, string? objectDescription, string fieldPath, string problem)
    {
        var what = location.Document > 0 ? $"document {location.Document}" : "file";
        if (objectDescription is not null)
        {
            what += $" ({objectDescription})";
        }

        return fieldPath.Length == 0
            ? $"{location}: {what}: {problem}"
            : $"{location}: {what}: {fieldPath}: {problem}";
    }
}

/// <summary>
/// Raised after every malformed document has been reported one by one: a plan made without them
/// could bind claims to the wrong volumes, so none is made.
/// </summary>
public sealed class ManifestSetInvalidException : VsphereK8sException
{
    public ManifestSetInvalidException(IReadOnlyList<ManifestException> problems, int documentCount)
        : base(
            "ManifestSetInvalid",
            ErrorKind.InvalidData,
            $"{Describe(problems)} in the input; nothing was planned, because a plan without {(problems.Count == 1 ? "it" : "them")} could bind claims to the wrong volumes. Fix {(problems.Count == 1 ? "it" : "them")} and run again.",
            null)
    {
        Problems = problems;
        DocumentCount = documentCount;
    }

    public IReadOnlyList<ManifestException> Problems { get; }

    public int DocumentCount { get; }

    private static string Describe(IReadOnlyList<ManifestException> problems) =>
        problems.Count == 1 ? "1 invalid manifest document" : $"{problems.Count} problems with manifest documents";
}
