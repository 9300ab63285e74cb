using k8s.KubeConfigModels;
using VsphereK8sStorage.Kubernetes.Manifests;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
#if KUBERNETES_AOT
using System.Text;
using k8s;
#else
using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
#endif

namespace VsphereK8sStorage.Kubernetes.Client;

/// <summary>
/// Reads one kubeconfig's text into KubernetesClient's kubeconfig model, as KubernetesClientConfiguration.LoadKubeConfig
/// reads it. Fails with YamlDotNet's YamlException (with a position) on text that is not YAML or not that shape, and on
/// text nested deeper than kubectl reads (<see cref="TreeAssembler.MaxDepth"/> levels) before the model is built:
/// building it recurses once per level.
/// </summary>
internal static class KubeconfigYaml
{
#if KUBERNETES_AOT
    // KubernetesClient.Aot reads the model through a source-generated context: nothing to start up. The text is
    // walked once first, so that deep nesting is refused before that reader recurses into it.
    public static K8SConfiguration? Read(string text)
    {
        var check = new DepthCheckedParser(new Parser(new StringReader(text)));
        while (check.MoveNext())
        {
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return KubernetesClientConfiguration.LoadKubeConfig(stream);
    }
#else
    // LoadKubeConfig goes through KubernetesYaml, whose first use builds a deserializer and a serializer over every
    // Kubernetes model: in a pwsh session that made the first live command spend about 550 ms reading a 20-line file.
    // This deserializer has the settings of KubernetesYaml's that reach the kubeconfig types (camelCase names under the
    // models' own aliases, unquoted scalars into object-typed values as YAML types, unknown keys ignored, merge keys),
    // and starts in about 75 ms. KubeconfigYamlTests holds the two to the same result.
    private static readonly Lazy<IDeserializer> Deserializer = new(Build);

    public static K8SConfiguration? Read(string text) =>
        Deserializer.Value.Deserialize<K8SConfiguration?>(new MergingParser(new DepthCheckedParser(new Parser(new StringReader(text)))));

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only the JIT build has this branch; the native vk8s is built with KUBERNETES_AOT.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only the JIT build has this branch; the native vk8s is built with KUBERNETES_AOT.")]
    private static IDeserializer Build() => new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();
#endif

    /// <summary>Passes the parser's events on, and stops with a YamlException where mappings and sequences nest too deep.</summary>
    private sealed class DepthCheckedParser : IParser
    {
        private readonly IParser inner;
        private int depth;

        public DepthCheckedParser(IParser inner) => this.inner = inner;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case MappingStart or SequenceStart when ++depth > TreeAssembler.MaxDepth:
                    throw new YamlException(inner.Current.Start, inner.Current.End, $"the file nests deeper than {TreeAssembler.MaxDepth} levels, where kubectl stops too (exceeded max depth)");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }

            return true;
        }
    }
}
