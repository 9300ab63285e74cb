using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using VsphereK8sStorage.Kubernetes.Yaml;

namespace VsphereK8sStorage.Cli.Output;

/// <summary>
/// Prints results one at a time, as an operation finishes them, in the same formats as <see cref="ResultView"/>:
/// a table row per result (the header before the first; a column widens when a later value is longer), a JSON array
/// whose elements follow one another (closed by <see cref="Complete"/>, so the output is one valid array whether the
/// run ends normally, fails or is interrupted), or a YAML sequence item per result. Each result is flushed at once, so
/// a pipe reading vk8s sees it before the run ends.
/// </summary>
public sealed class ResultStream<T>
    where T : notnull
{
    private readonly TextWriter writer;
    private readonly OutputFormat format;
    private readonly ResultViewOptions options;
    private readonly object gate = new();
    private int[]? widths;
    private int count;
    private bool completed;

    public ResultStream(TextWriter writer, OutputFormat format, ResultViewOptions? options = null)
    {
        this.writer = writer;
        this.format = format;
        this.options = options ?? new ResultViewOptions();
    }

    public int Count => count;

    public void Write(T item)
    {
        lock (gate)
        {
            if (completed)
            {
                return;
            }

            switch (format)
            {
                case OutputFormat.Json:
                    WriteJson(item);
                    break;
                case OutputFormat.Yaml:
                    using (var document = JsonSerializer.SerializeToDocument<IReadOnlyList<T>>(new[] { item }, ResultWriter.ListInfo<T>()))
                    {
                        YamlWriter.Write(writer, document.RootElement);
                    }

                    break;
                default:
                    WriteRow(item);
                    break;
            }

            count++;
            writer.Flush();
        }
    }

    /// <summary>
    /// Ends the output: closes the JSON array, or says that there were no results. When the host declined changes
    /// (<paramref name="declined"/>, a --what-if run), an empty table says nothing: the what-if lines said what
    /// matched, and "nothing matched" would contradict them. Safe to call twice.
    /// </summary>
    public void Complete(bool declined = false)
    {
        lock (gate)
        {
            if (completed)
            {
                return;
            }

            completed = true;
            if (count == 0)
            {
                ResultView.Write(writer, Array.Empty<T>(), format, declined ? options with { EmptyMessage = null } : options);
            }
            else if (format == OutputFormat.Json)
            {
                writer.WriteLine();
                writer.WriteLine("]");
            }

            writer.Flush();
        }
    }

    private void WriteJson(T item)
    {
        var text = JsonSerializer.Serialize(item, (JsonTypeInfo<T>)ResultWriter.ListInfo<T>().Options.GetTypeInfo(typeof(T)));
        writer.Write(count == 0 ? "[" + Environment.NewLine : "," + Environment.NewLine);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            writer.Write("  ");
            writer.Write(lines[i].TrimEnd('\r'));
            if (i < lines.Length - 1)
            {
                writer.WriteLine();
            }
        }
    }

    private void WriteRow(T item)
    {
        var cells = ResultView.Cells(typeof(T), item);
        if (widths is null)
        {
            var headers = ResultView.Headers(typeof(T)).ToArray();
            widths = headers.Select((h, i) => Math.Max(h.Length, cells[i].Length)).ToArray();
            TableLayout<object>.WriteLine(writer, headers, widths);
        }

        for (var i = 0; i < cells.Length; i++)
        {
            widths[i] = Math.Max(widths[i], cells[i].Length);
        }

        TableLayout<object>.WriteLine(writer, cells, widths);
    }
}
