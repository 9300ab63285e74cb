namespace VsphereK8sStorage.Presentation;

/// <summary>
/// A result that has more to say below the table when the user asks for detail (--detailed). Methods,
/// not properties: PowerShell lists an object's properties (Select-Object *, ConvertTo-Json, Export-Csv),
/// explicitly implemented ones too, and this text is only the CLI's.
/// </summary>
public interface IDetailedResult
{
    /// <summary>The heading of this result's detail block, or null when it has none.</summary>
    string? DetailHeading();

    IEnumerable<string> DetailLines();
}
