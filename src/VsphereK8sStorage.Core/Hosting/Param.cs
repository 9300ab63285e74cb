using System.Text;

namespace VsphereK8sStorage.Hosting;

/// <summary>How a host spells a parameter: PowerShell's <c>-FsType</c> or vk8s's <c>--fs-type</c>.</summary>
public enum ParameterSyntax
{
    PowerShell,
    Cli,
}

/// <summary>
/// Parameter names inside the core's messages. The core owns every word, but not the host's syntax: a message
/// says <c>$"{Param.Name("FsType")} applies to …"</c>, which embeds a token, and the host that prints the message
/// renders the token in its own syntax (<see cref="Render"/>). No core message spells <c>-Name</c> or <c>--name</c>
/// itself (a test scans the core's string literals for them).
/// </summary>
/// <remarks>
/// Hosts render in two places: their <see cref="IOperationHost"/> (warnings, verbose, what-if and confirmation
/// text) and exception messages, which render with the syntax of the flow that reads them
/// (<see cref="Use"/>; PowerShell unless a host said otherwise), so <c>$_.Exception.Message</c> and vk8s's
/// <c>error:</c> line both read naturally.
/// </remarks>
public static class Param
{
    private const char Open = '\uE000';
    private const char Close = '\uE001';
    private const char Alternative = '\uE002';
    private const char CommandOpen = '\uE003';

    private static readonly AsyncLocal<ParameterSyntax?> Ambient = new();

    /// <summary>The syntax exception messages render in on this flow.</summary>
    public static ParameterSyntax Syntax => Ambient.Value ?? ParameterSyntax.PowerShell;

    /// <summary>
    /// A parameter as a message names it: <paramref name="parameter"/> is the cmdlet's parameter name; vk8s's option
    /// is its kebab-case twin, or <paramref name="cli"/> (without dashes) where the two differ (-Credential and --user).
    /// </summary>
    public static string Name(string parameter, string? cli = null) =>
        cli is null ? $"{Open}{parameter}{Close}" : $"{Open}{parameter}{Alternative}{cli}{Close}";

    /// <summary>A command as a message names it: the cmdlet (Get-VsphereVm), or vk8s's twin (vk8s get-vsphere-vm).</summary>
    public static string Command(string cmdlet) => $"{CommandOpen}{cmdlet}{Close}";

    /// <summary>Several parameters joined as a person writes them: "-A, -B or -C".</summary>
    public static string List(string conjunction, params string[] parameters)
    {
        var names = Array.ConvertAll(parameters, p => Name(p));
        return names.Length == 1 ? names[0] : string.Join(", ", names, 0, names.Length - 1) + $" {conjunction} " + names[^1];
    }

    /// <summary>Renders exception messages in <paramref name="syntax"/> for the rest of this flow (vk8s sets it once per run).</summary>
    public static void Use(ParameterSyntax syntax) => Ambient.Value = syntax;

    /// <summary>The message with every parameter token spelled in <paramref name="syntax"/>.</summary>
    public static string Render(string message, ParameterSyntax syntax)
    {
        if (message.IndexOf(Open) < 0 && message.IndexOf(CommandOpen) < 0)
        {
            return message;
        }

        var text = new StringBuilder(message.Length + 16);
        var at = 0;
        while (at < message.Length)
        {
            var open = message.IndexOfAny(new[] { Open, CommandOpen }, at);
            var close = open < 0 ? -1 : message.IndexOf(Close, open + 1);
            if (open < 0 || close < 0)
            {
                text.Append(message, at, message.Length - at);
                break;
            }

            text.Append(message, at, open - at);
            var token = message.Substring(open + 1, close - open - 1);
            if (message[open] == CommandOpen)
            {
                text.Append(syntax == ParameterSyntax.Cli ? "vk8s " + Kebab(token) : token);
                at = close + 1;
                continue;
            }

            var split = token.IndexOf(Alternative);
            var parameter = split < 0 ? token : token.Substring(0, split);
            text.Append(syntax == ParameterSyntax.Cli
                ? "--" + (split < 0 ? Kebab(parameter) : token.Substring(split + 1))
                : "-" + parameter);
            at = close + 1;
        }

        return text.ToString();
    }

    /// <summary>A PowerShell name in kebab case, as vk8s names commands and options: FsType → fs-type, Get-PvcBinding → get-pvc-binding.</summary>
    public static string Kebab(string name)
    {
        var words = new List<string>();
        foreach (var part in name.Split('-', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = new StringBuilder();
            for (var i = 0; i < part.Length; i++)
            {
                var c = part[i];
                var startsWord = i > 0 && char.IsUpper(c) && (
                    char.IsLower(part[i - 1]) || char.IsDigit(part[i - 1]) ||
                    (char.IsUpper(part[i - 1]) && i + 1 < part.Length && char.IsLower(part[i + 1])));
                if (startsWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }

                word.Append(char.ToLowerInvariant(c));
            }

            words.Add(word.ToString());
        }

        return string.Join("-", words);
    }
}
