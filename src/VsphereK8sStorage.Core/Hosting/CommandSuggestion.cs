using VsphereK8sStorage.Kubernetes;

namespace VsphereK8sStorage.Hosting;

/// <summary>
/// What a host says about a command it does not have, with the nearest command it does, as kubectl says it:
/// a command is suggested when the typed text is within two edits of it (ignoring case), begins it, or is its
/// cmdlet name (<c>Get-PvcBinding</c> for <c>get-pvc-binding</c>).
/// </summary>
public static class CommandSuggestion
{
    private const int MaxDistance = 2;

    /// <summary>The cmdlet whose command <paramref name="typed"/> most likely meant, or null when none is close.</summary>
    public static string? Nearest(string typed, IEnumerable<string> cmdlets)
    {
        var text = typed.Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return null;
        }

        var best = cmdlets
            .Select(cmdlet => (Cmdlet: cmdlet, Command: Param.Kebab(cmdlet)))
            .Select(c => (c.Cmdlet, Score: Score(text, c.Command)))
            .Where(c => c.Score <= MaxDistance)
            .OrderBy(c => c.Score)
            .ThenBy(c => c.Cmdlet, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Cmdlet;
    }

    /// <summary>The error for an unknown command, naming the nearest one when there is one.</summary>
    public static string UnknownCommand(string typed, IEnumerable<string> cmdlets)
    {
        var shown = Text.MessageText.Printable(typed, 80);
        return Nearest(typed, cmdlets) is { } nearest
            ? $"unknown command '{shown}'; did you mean '{Param.Command(nearest)}'?"
            : $"unknown command '{shown}'.";
    }

    // 0 for the same command in another spelling (a cmdlet name) or a beginning of it; else the edit distance.
    private static int Score(string typed, string command)
    {
        if (Param.Kebab(typed) == command || (typed.Length >= 3 && command.StartsWith(typed, StringComparison.Ordinal)))
        {
            return 0;
        }

        return Math.Abs(typed.Length - command.Length) > MaxDistance ? MaxDistance + 1 : AccessModeNames.EditDistance(typed, command);
    }
}
