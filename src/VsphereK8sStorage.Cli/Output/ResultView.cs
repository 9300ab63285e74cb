using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using VsphereK8sStorage.Presentation;

namespace VsphereK8sStorage.Cli.Output;

/// <summary>How one command's results print: what a table of none says, and whether detail blocks follow.</summary>
public sealed record ResultViewOptions
{
    /// <summary>What a table of none says; null says nothing (a --what-if run that changed nothing).</summary>
    public string? EmptyMessage { get; init; } = "No results.";

    public bool Detailed { get; init; }
}

/// <summary>
/// The one view every operation's results print through (table, JSON or YAML). A result type plugs in with
/// its columns in <see cref="TableColumns"/> and its JSON contract in <see cref="CliJsonContext"/>; nothing
/// here reads a type by reflection, so the NativeAOT vk8s prints exactly what the JIT-compiled one does.
/// </summary>
public static class ResultView
{
    private static readonly ConcurrentDictionary<Type, TableLayout<object>> Layouts = new();

    public static void Write<T>(TextWriter writer, IReadOnlyList<T> items, OutputFormat format, ResultViewOptions? options = null)
    {
        options ??= new ResultViewOptions();
        switch (format)
        {
            case OutputFormat.Json:
                ResultWriter.WriteJson(writer, items);
                return;
            case OutputFormat.Yaml:
                ResultWriter.WriteYaml(writer, items);
                return;
        }

        if (items.Count == 0)
        {
            if (options.EmptyMessage is not null)
            {
                writer.WriteLine(options.EmptyMessage);
            }

            return;
        }

        LayoutFor(typeof(T)).Write(writer, items.Cast<object>().ToList());
        if (!options.Detailed)
        {
            return;
        }

        foreach (var detailed in items.OfType<IDetailedResult>())
        {
            if (detailed.DetailHeading() is not { } heading)
            {
                continue;
            }

            writer.WriteLine();
            writer.WriteLine(heading);
            foreach (var line in detailed.DetailLines())
            {
                writer.WriteLine($"  {line}");
            }
        }
    }

    /// <summary>The table cells of one result, in column order (what <see cref="Write{T}"/> prints for it).</summary>
    public static string[] Cells(Type type, object row) => LayoutFor(type).Cells(row);

    /// <summary>The table columns of <paramref name="type"/>, in order.</summary>
    public static IReadOnlyList<string> Headers(Type type) => LayoutFor(type).Headers;

    /// <summary>
    /// The table columns of <paramref name="type"/> as (header, property) pairs, in order (see
    /// <see cref="TableColumns"/>). The PowerShell views show the same (a test holds the ps1xml views to these).
    /// </summary>
    public static IReadOnlyList<(string Header, string Property)> Columns(Type type) =>
        TableColumns.For(type).Select(c => (c.Header, c.Property)).ToList();

    private static TableLayout<object> LayoutFor(Type type) => Layouts.GetOrAdd(type, static t =>
    {
        var columns = TableColumns.For(t);
        if (columns.Count == 0)
        {
            throw new InvalidOperationException($"{t.Name} has no columns in TableColumns, so it has no table view.");
        }

        var layout = new TableLayout<object>();
        foreach (var column in columns)
        {
            layout.Column(column.Header, row => Cell(column.Value(row)));
        }

        return layout;
    });

    private static string? Cell(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable sequence => string.Join(",", sequence.Cast<object?>().Select(Cell)),
        _ => value.ToString(),
    };
}
