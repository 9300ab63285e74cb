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
/// reads it. Fails with a YamlException (with a position) on text that is not YAML, on text nested deeper than kubectl
/// reads (<see cref="TreeAssembler.MaxDepth"/> levels, refused before the model is built: building it recurses once per
/// level), and on a value that does not fit its field. That last message names neither the value nor a .NET type:
/// YamlDotNet's own words quote the value, and a value under the wrong key can be a token or a password.
/// </summary>
internal static class KubeconfigYaml
{
#if KUBERNETES_AOT
    // KubernetesClient.Aot reads the model through a source-generated context: nothing to start up. The text is
    // walked once first, so that deep nesting is refused before that reader recurses into it.
    public static K8SConfiguration? Read(string text)
    {
        var check = new TextEvents(new DepthCheckedParser(new Parser(new StringReader(text))));
        while (check.MoveNext())
        {
        }

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return FittingFields(() => KubernetesClientConfiguration.LoadKubeConfig(stream));
    }
#else
    // LoadKubeConfig goes through KubernetesYaml, whose first use builds a deserializer and a serializer over every
    // Kubernetes model: in a pwsh session that made the first live command spend about 550 ms reading a 20-line file.
    // This deserializer has the settings of KubernetesYaml's that reach the kubeconfig types (camelCase names under the
    // models' own aliases, unquoted scalars into object-typed values as YAML types, unknown keys ignored, merge keys),
    // and starts in about 75 ms. KubeconfigYamlTests holds the two to the same result.
    private static readonly Lazy<IDeserializer> Deserializer = new(Build);

    public static K8SConfiguration? Read(string text) => FittingFields(() =>
        Deserializer.Value.Deserialize<K8SConfiguration?>(new TextEvents(new MergingParser(new DepthCheckedParser(new Parser(new StringReader(text)))))));

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Only the JIT build has this branch; the native vk8s is built with KUBERNETES_AOT.")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only the JIT build has this branch; the native vk8s is built with KUBERNETES_AOT.")]
    private static IDeserializer Build() => new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithAttemptingUnquotedStringTypeDeserialization()
        .IgnoreUnmatchedProperties()
        .Build();
#endif

    // The text is YAML by now; what fails here is a value that does not fit its field.
    private static K8SConfiguration? FittingFields(Func<K8SConfiguration?> read)
    {
        try
        {
            return read();
        }
        catch (YamlException ex) when (ex is not NotYamlException and not MaximumRecursionLevelReachedException)
        {
            throw new YamlException(ex.Start, ex.End, "the value here does not fit its field (text, true or false, a list or a mapping where kubectl expects another); kubectl config view shows each field's form");
        }
    }

    /// <summary>A failure to read the text as YAML events: not YAML, nested too deep, or too many events.</summary>
    private sealed class NotYamlException : YamlException
    {
        public NotYamlException(YamlException inner)
            : base(inner.Start, inner.End, inner.InnerException?.Message ?? inner.Message, inner)
        {
        }
    }

    /// <summary>Passes the events on; what fails while reading them is a <see cref="NotYamlException"/>.</summary>
    private sealed class TextEvents : IParser
    {
        private readonly IParser inner;

        public TextEvents(IParser inner) => this.inner = inner;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            try
            {
                return inner.MoveNext();
            }
            catch (YamlException ex) when (ex is not NotYamlException)
            {
                throw new NotYamlException(ex);
            }
        }
    }

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
