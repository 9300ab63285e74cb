using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using VsphereK8sStorage.Presentation;
using VsphereK8sStorage.Vsphere;

namespace VsphereK8sStorage.Cli.Output;

/// <summary>How one command's results print: what a table of none says, and whether detail blocks follow.</summary>
public sealed record ResultViewOptions
{
    public string EmptyMessage { get; init; } = "No results.";

    public bool Detailed { get; init; }
}

/// <summary>
/// The one view every operation's results print through (table, JSON or YAML). A result type plugs
/// in by marking its table columns with <see cref="TableColumnAttribute"/>; nothing else is written per type.
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
            writer.WriteLine(options.EmptyMessage);
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

    /// <summary>The table columns of <paramref name="type"/>, in order; read once per type.</summary>
    public static IReadOnlyList<string> Headers(Type type) => LayoutFor(type).Headers;

    /// <summary>
    /// The table columns of <paramref name="type"/> as (header, property) pairs, in order: the result's
    /// [TableColumn] properties, or for a type that is not a result record (the vCenter connection) the columns
    /// declared here. The PowerShell views show the same (a test holds the ps1xml views to these).
    /// </summary>
    public static IReadOnlyList<(string Header, string Property)> Columns(Type type)
    {
        if (Declared.TryGetValue(type, out var declared))
        {
            return declared;
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Column: p.GetCustomAttribute<TableColumnAttribute>()))
            .Where(c => c.Column is not null)
            .OrderBy(c => c.Column!.Order)
            .Select(c => (c.Column!.Header, c.Property.Name))
            .ToList();
    }

    // A connection is a transport object, not a result record: its columns are vk8s's to declare.
    private static readonly Dictionary<Type, (string Header, string Property)[]> Declared = new()
    {
        [typeof(VsphereConnection)] = new[]
        {
            ("NAME", nameof(VsphereConnection.Name)),
            ("USER", nameof(VsphereConnection.User)),
            ("VERSION", nameof(VsphereConnection.Version)),
            ("BUILD", nameof(VsphereConnection.Build)),
            ("CONNECTED", nameof(VsphereConnection.IsConnected)),
            ("THUMBPRINT", nameof(VsphereConnection.CertificateThumbprint)),
        },
    };

    private static TableLayout<object> LayoutFor(Type type) => Layouts.GetOrAdd(type, static t =>
    {
        var columns = Columns(t);
        if (columns.Count == 0)
        {
            throw new InvalidOperationException($"{t.Name} has no [TableColumn] properties, so it has no table view.");
        }

        var layout = new TableLayout<object>();
        foreach (var (header, name) in columns)
        {
            var property = t.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)!;
            layout.Column(header, row => Cell(property.GetValue(row)));
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
