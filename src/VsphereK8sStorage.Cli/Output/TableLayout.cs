namespace VsphereK8sStorage.Cli.Output;

/// <summary>
/// A kubectl-style table: upper-case headers, columns left-aligned and separated by three spaces,
/// the last column unpadded. Columns are declared once per result type.
/// </summary>
public sealed class TableLayout<T>
{
    private readonly List<(string Header, Func<T, string?> Value)> columns = new();

    public IReadOnlyList<string> Headers => columns.Select(c => c.Header).ToList();

    public TableLayout<T> Column(string header, Func<T, string?> value)
    {
        columns.Add((header, value));
        return this;
    }

    public void Write(TextWriter writer, IReadOnlyList<T> rows)
    {
        var cells = rows.Select(row => columns.Select(c => Clean(c.Value(row))).ToArray()).ToList();
        var widths = columns.Select((c, i) => Math.Max(c.Header.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        WriteLine(writer, columns.Select(c => c.Header).ToArray(), widths);
        foreach (var row in cells)
        {
            WriteLine(writer, row, widths);
        }
    }

    /// <summary>One row's cells, each on one line, in column order.</summary>
    public string[] Cells(T row) => columns.Select(c => Clean(c.Value(row))).ToArray();

    /// <summary>One line of cells padded to <paramref name="widths"/> (the last unpadded), as <see cref="Write"/> prints them.</summary>
    public static void WriteLine(TextWriter writer, string[] values, int[] widths)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var last = i == values.Length - 1;
            writer.Write(last ? values[i] : values[i].PadRight(widths[i] + 3));
        }

        writer.WriteLine();
    }

    // A cell is one line; newlines in values would break the columns.
    private static string Clean(string? value) => (value ?? string.Empty).Replace('\n', ' ').Replace("\r", string.Empty);
}
