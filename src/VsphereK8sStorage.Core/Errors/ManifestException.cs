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
    public ManifestException(SourceLocation location, string? objectDescription, string fieldPath, string problem, string ruleId, Exception? innerException = null)
        : base("ManifestInvalid", ErrorKind.InvalidData, Format(location, objectDescription, fieldPath, problem), location.File, innerException)
    {
        Location = location;
        ObjectDescription = objectDescription;
        FieldPath = fieldPath;
        Problem = problem;
        RuleId = ruleId;
    }

    public SourceLocation Location { get; }

    /// <summary>"PersistentVolume pv0001", or null when the document has no usable kind/name yet.</summary>
    public string? ObjectDescription { get; }

    /// <summary>The field path inside the document, such as <c>spec.capacity.storage</c>; empty for the document as a whole.</summary>
    public string FieldPath { get; }

    public string Problem { get; }

    /// <summary>The reader's rule this breaks (Kubernetes.Manifests.ManifestRules), such as <c>AccessModeNotSupported</c>: stable, for tests and scripts.</summary>
    public string RuleId { get; }

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
/// What reading failed with when several documents were malformed, after they were reported (the
/// first few one by one, the rest counted). The plan is made without them and says so. Its target
/// is the input it sums up: the name of every source read (paths, <c>&lt;stdin&gt;</c>), good ones too.
/// </summary>
public sealed class ManifestSetInvalidException : VsphereK8sException
{
    public ManifestSetInvalidException(IReadOnlyList<ManifestException> shown, int problemCount, int documentCount, IReadOnlyList<string> sources)
        : base(
            "ManifestSetInvalid",
            ErrorKind.InvalidData,
            $"{Describe(problemCount)} in the input{(problemCount > shown.Count ? $" ({problemCount - shown.Count} more not shown)" : string.Empty)}; the objects they are in were left out of the plan, so claims may bind differently in the cluster. Fix them and run again.",
            sources)
    {
        Problems = shown;
        ProblemCount = problemCount;
        DocumentCount = documentCount;
    }

    /// <summary>The problems reported one by one (the first of them, when there are many).</summary>
    public IReadOnlyList<ManifestException> Problems { get; }

    /// <summary>Every problem found, shown or not.</summary>
    public int ProblemCount { get; }

    public int DocumentCount { get; }

    private static string Describe(int count) =>
        count == 1 ? "1 invalid manifest document" : $"{count} problems with manifest documents";
}
