using System;
using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace VsphereK8sStorage.Benchmarks;

/// <summary>
/// Whether SharpYaml's parser (which counts lines and columns from 0) reports the events YamlDotNet's does at the same line and column on a file:
/// the reader's messages name file:line:column, so a parser that moves them cannot replace YamlDotNet.
/// Run: dotnet run -c Release --project tests/VsphereK8sStorage.Benchmarks -- yaml-positions FILE
/// </summary>
public static class YamlParserPositions
{
    public static int Run(string file)
    {
        using var first = new StreamReader(file);
        using var second = new StreamReader(file);
        var yamlDotNet = new Parser(new Scanner(first, skipComments: true));
        var sharpYaml = SharpYaml.Parser.CreateParser(second);
        long events = 0, differ = 0;
        string? example = null;
        while (true)
        {
            var a = yamlDotNet.MoveNext();
            var b = sharpYaml.MoveNext();
            if (!a || !b)
            {
                Console.WriteLine($"{events} events; YamlDotNet {(a ? "has more" : "ended")}, SharpYaml {(b ? "has more" : "ended")}");
                break;
            }

            events++;
            var x = yamlDotNet.Current!;
            var y = sharpYaml.Current!;
            var same = x.GetType().Name == y.GetType().Name && x.Start.Line == y.Start.Line + 1 && x.Start.Column == y.Start.Column + 1;
            if (!same)
            {
                differ++;
                example ??= $"event {events}: YamlDotNet {x.GetType().Name} at {x.Start.Line}:{x.Start.Column}, SharpYaml {y.GetType().Name} at {y.Start.Line + 1}:{y.Start.Column + 1}";
            }
        }

        Console.WriteLine($"{differ} of {events} events differ in type, line or column{(example is null ? string.Empty : "; first: " + example)}");
        return differ == 0 ? 0 : 1;
    }
}
