using System.Collections.Generic;
using System.IO;
using System.Linq;
using VsphereK8sStorage.Binding;

namespace VsphereK8sStorage.Output;

/// <summary>How a binding plan prints as text: <c>kubectl get pvc</c> plus a REASON column.</summary>
public static class PvcBindingView
{
    public static readonly TableLayout<PvcBinding> Table = new TableLayout<PvcBinding>()
        .Column("NAMESPACE", b => b.Namespace)
        .Column("NAME", b => b.Name)
        .Column("STATUS", b => b.Phase.ToString())
        .Column("VOLUME", b => b.Volume)
        .Column("CAPACITY", b => b.Capacity)
        .Column("ACCESS MODES", b => b.AccessModeSummary)
        .Column("STORAGECLASS", b => b.StorageClass)
        .Column("REASON", b => b.Reason);

    public static void Write(TextWriter writer, IReadOnlyList<PvcBinding> bindings, OutputFormat format, bool detailed)
    {
        switch (format)
        {
            case OutputFormat.Json:
                ResultWriter.WriteJson(writer, bindings);
                return;
            case OutputFormat.Yaml:
                ResultWriter.WriteYaml(writer, bindings);
                return;
        }

        if (bindings.Count == 0)
        {
            writer.WriteLine("No PersistentVolumeClaims found in the input.");
            return;
        }

        Table.Write(writer, bindings);
        if (!detailed)
        {
            return;
        }

        foreach (var binding in bindings.Where(b => b.Rejections.Count > 0))
        {
            writer.WriteLine();
            writer.WriteLine($"{binding.Claim} ({binding.Phase}) did not get:");
            foreach (var rejection in binding.Rejections)
            {
                writer.WriteLine($"  {rejection}");
            }
        }
    }
}
