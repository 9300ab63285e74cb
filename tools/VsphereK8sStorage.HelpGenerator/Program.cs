using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace VsphereK8sStorage.HelpGenerator;

/// <summary>
/// dotnet VsphereK8sStorage.HelpGenerator.dll --assembly &lt;module&gt;/VsphereK8sStorage.dll --sma &lt;System.Management.Automation.dll&gt;
///     --help &lt;repo&gt;/module/help --output &lt;module&gt;/en-US/VsphereK8sStorage.dll-Help.xml [--root &lt;repo&gt;]
/// Exit code 0 when the help was written; 1 with one "file:line: problem" line per malformed file; 2 for bad arguments.
/// A help file whose cmdlet is not in the assembly is reported and skipped, so help can be written before its cmdlet.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i]] = args[i + 1];
        }

        var missing = new[] { "--assembly", "--sma", "--help", "--output" }.Where(o => !options.ContainsKey(o)).ToList();
        if (missing.Count > 0 || args.Length % 2 != 0)
        {
            Console.Error.WriteLine($"help generator: missing {string.Join(", ", missing)}; usage: --assembly <dll> --sma <System.Management.Automation.dll> --help <dir> --output <file> [--root <dir>]");
            return 2;
        }

        var root = options.GetValueOrDefault("--root") ?? Directory.GetCurrentDirectory();
        var result = Generate(options["--assembly"], options["--sma"], options["--help"], root);
        foreach (var note in result.Skipped)
        {
            Console.WriteLine($"help generator: {note}");
        }

        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine(error);
            }

            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options["--output"]))!);
        File.WriteAllText(options["--output"], result.Maml, new UTF8Encoding(false));
        Console.WriteLine($"help generator: {result.Documented} cmdlet(s) documented in {options["--output"]}");
        return 0;
    }

    public sealed record Result(string Maml, int Documented, IReadOnlyList<string> Errors, IReadOnlyList<string> Skipped);

    /// <summary>Reads every module/help/*.md and the cmdlets, and returns the MAML (empty when a file is malformed).</summary>
    public static Result Generate(string assemblyPath, string systemManagementAutomation, string helpDirectory, string displayRoot)
    {
        using var context = CmdletReader.CreateContext(new[] { Path.GetDirectoryName(Path.GetFullPath(assemblyPath))! }, systemManagementAutomation);
        var cmdlets = context.LoadFromAssemblyPath(Path.GetFullPath(assemblyPath)).GetTypes()
            .Where(CmdletReader.IsCmdlet)
            .Select(CmdletReader.Read)
            .Where(c => c.HasCmdletAttribute)
            .ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

        var errors = new List<string>();
        var skipped = new List<string>();
        var documented = new List<(CmdletType, CommandHelpText)>();
        foreach (var file in Directory.GetFiles(helpDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            var display = Path.GetRelativePath(displayRoot, file).Replace('\\', '/');
            try
            {
                var help = MarkdownHelpReader.ReadFile(file, display);
                var expected = Path.GetFileNameWithoutExtension(file);
                if (!help.Name.Equals(expected, StringComparison.OrdinalIgnoreCase))
                {
                    throw new HelpFormatException(display, 1, $"the title names '{help.Name}' but the file is named for '{expected}'");
                }

                if (cmdlets.TryGetValue(help.Name, out var cmdlet))
                {
                    documented.Add((cmdlet, help));
                }
                else
                {
                    skipped.Add($"{display}: no cmdlet {help.Name} in {Path.GetFileName(assemblyPath)} yet; skipped");
                }
            }
            catch (HelpFormatException ex)
            {
                errors.Add(ex.Message);
            }
        }

        return new Result(errors.Count == 0 ? MamlWriter.Write(documented) : string.Empty, documented.Count, errors, skipped);
    }
}
