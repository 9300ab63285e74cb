namespace VsphereK8sStorage.Kubernetes;

/// <summary>
/// Kubernetes' selector syntax, as kubectl's -l takes it: requirements separated by commas, each
/// <c>key</c>, <c>!key</c>, <c>key=value</c> (or <c>==</c>), <c>key!=value</c>, <c>key in (a,b)</c>,
/// <c>key notin (a,b)</c>, and for node selectors <c>key&gt;5</c>, <c>key&lt;5</c>. Keys and values are checked
/// with <see cref="KubernetesNames"/>, the same rules manifests are held to.
/// </summary>
public static class SelectorSyntax
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="InvalidParameterException"/> naming <paramref name="parameter"/> and the fault.</summary>
    public static IReadOnlyList<SelectorRequirement> Parse(string parameter, string text, bool nodeSelector = false)
    {
        if (text.Length > 4096)
        {
            throw Invalid(parameter, text.Substring(0, 40) + "…", "is longer than 4096 characters");
        }

        var requirements = new List<SelectorRequirement>();
        var scanner = new Scanner(text);
        scanner.SkipSpaces();
        if (scanner.AtEnd)
        {
            throw Invalid(parameter, text, "is empty; write requirements such as app=web or 'tier in (a,b)'");
        }

        while (true)
        {
            requirements.Add(ParseRequirement(parameter, text, scanner, nodeSelector));
            scanner.SkipSpaces();
            if (scanner.AtEnd)
            {
                return requirements;
            }

            if (!scanner.Take(","))
            {
                throw Invalid(parameter, text, $"expected ',' between requirements at position {scanner.Position + 1}");
            }

            scanner.SkipSpaces();
        }
    }

    private static SelectorRequirement ParseRequirement(string parameter, string text, Scanner scanner, bool nodeSelector)
    {
        var negated = scanner.Take("!");
        scanner.SkipSpaces();
        var key = scanner.Word();
        if (key.Length == 0)
        {
            throw Invalid(parameter, text, $"expected a label key at position {scanner.Position + 1}");
        }

        if (KubernetesInput.Problem(KubernetesNames.IsQualifiedName(key)) is { } keyProblem)
        {
            throw Invalid(parameter, text, $"key '{key}': {keyProblem}");
        }

        if (negated)
        {
            return new SelectorRequirement(key, SelectorOperator.DoesNotExist, Array.Empty<string>());
        }

        scanner.SkipSpaces();
        if (scanner.AtEnd || scanner.Peek == ',')
        {
            return new SelectorRequirement(key, SelectorOperator.Exists, Array.Empty<string>());
        }

        if (scanner.Take("==") || scanner.Take("="))
        {
            return new SelectorRequirement(key, SelectorOperator.In, new[] { Value(parameter, text, scanner) });
        }

        if (scanner.Take("!="))
        {
            return new SelectorRequirement(key, SelectorOperator.NotIn, new[] { Value(parameter, text, scanner) });
        }

        if (scanner.Take(">") || scanner.Take("<"))
        {
            var symbol = text[scanner.Position - 1];
            if (!nodeSelector)
            {
                throw Invalid(parameter, text, $"'{symbol}' works only in node selectors; use in, notin, = or !=");
            }

            var bound = Value(parameter, text, scanner);
            if (!long.TryParse(bound, out _))
            {
                throw Invalid(parameter, text, $"'{bound}' after '{symbol}' must be an integer");
            }

            return new SelectorRequirement(key, symbol == '>' ? SelectorOperator.Gt : SelectorOperator.Lt, new[] { bound });
        }

        var word = scanner.Word();
        var setOperator = word switch
        {
            "in" => SelectorOperator.In,
            "notin" => SelectorOperator.NotIn,
            _ => throw Invalid(parameter, text, $"expected =, ==, !=, in or notin after '{key}'{(word.Length == 0 ? string.Empty : $", found '{word}'")}"),
        };
        scanner.SkipSpaces();
        if (!scanner.Take("("))
        {
            throw Invalid(parameter, text, $"expected '(' after '{word}'");
        }

        var values = new List<string>();
        while (true)
        {
            scanner.SkipSpaces();
            values.Add(Value(parameter, text, scanner));
            scanner.SkipSpaces();
            if (scanner.Take(")"))
            {
                break;
            }

            if (!scanner.Take(","))
            {
                throw Invalid(parameter, text, $"expected ',' or ')' in the list after '{key} {word}'");
            }
        }

        return new SelectorRequirement(key, setOperator, values.Distinct(StringComparer.Ordinal).ToList());
    }

    private static string Value(string parameter, string text, Scanner scanner)
    {
        scanner.SkipSpaces();
        var value = scanner.Word();
        if (KubernetesInput.Problem(KubernetesNames.IsValidLabelValue(value)) is { } problem)
        {
            throw Invalid(parameter, text, $"value '{value}': {problem}");
        }

        return value;
    }

    private static InvalidParameterException Invalid(string parameter, string text, string problem) =>
        new("InvalidSelector", parameter, $"Invalid selector '{text}' ({parameter}): {problem}.", text);

    private sealed class Scanner
    {
        private readonly string text;

        public Scanner(string text) => this.text = text;

        public int Position { get; private set; }

        public bool AtEnd => Position >= text.Length;

        public char Peek => text[Position];

        public void SkipSpaces()
        {
            while (!AtEnd && char.IsWhiteSpace(Peek))
            {
                Position++;
            }
        }

        public bool Take(string token)
        {
            if (string.CompareOrdinal(text, Position, token, 0, token.Length) != 0)
            {
                return false;
            }

            Position += token.Length;
            return true;
        }

        /// <summary>Letters, digits and the characters keys and values may hold (- _ . /).</summary>
        public string Word()
        {
            var start = Position;
            while (!AtEnd && (char.IsLetterOrDigit(Peek) || Peek is '-' or '_' or '.' or '/'))
            {
                Position++;
            }

            return text.Substring(start, Position - start);
        }
    }
}
