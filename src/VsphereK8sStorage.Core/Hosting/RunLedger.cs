using System.Globalization;
using VsphereK8sStorage.Vsphere.Soap;

namespace VsphereK8sStorage.Hosting;

/// <summary>What became of one item of a run over many.</summary>
public enum ItemOutcome
{
    /// <summary>This run changed (or created) it.</summary>
    Changed,

    /// <summary>It already was as asked; nothing was sent.</summary>
    Unchanged,

    /// <summary>The change was refused or failed; the item is as it was.</summary>
    Failed,

    /// <summary>The request was sent but no answer came back: the server may or may not have carried it out.</summary>
    InDoubt,
}

/// <summary>
/// How a run over many items ended early: how many items were changed, unchanged, failed, in doubt and not
/// attempted, and the names of those changed and in doubt. The hosts print <see cref="VsphereK8sException.Message"/>.
/// </summary>
public sealed record RunSummary
{
    /// <summary>The items the run set out to do.</summary>
    public int Planned { get; init; }

    public IReadOnlyList<string> Changed { get; init; } = Array.Empty<string>();

    public int Unchanged { get; init; }

    public IReadOnlyList<string> Failed { get; init; } = Array.Empty<string>();

    public IReadOnlyList<string> InDoubt { get; init; } = Array.Empty<string>();

    public int NotAttempted { get; init; }

    /// <summary>Changed items that need a further step before they take effect (VMs that need a power cycle).</summary>
    public IReadOnlyList<string> NeedFollowUp { get; init; } = Array.Empty<string>();

    /// <summary>True when the user stopped the run (Ctrl+C, SIGINT, SIGTERM); false when a failure did.</summary>
    public bool Cancelled { get; init; }
}

/// <summary>
/// A run over many items stopped before its end. The message is the run's summary: the counts, every item
/// changed by name, and why it stopped. Every result finished before the stop has already been emitted.
/// </summary>
public sealed class RunInterruptedException : VsphereK8sException
{
    public RunInterruptedException(string errorId, string message, RunSummary summary, Exception? cause)
        : base(errorId, summary.Cancelled ? ErrorKind.OperationStopped : (cause as VsphereK8sException)?.Kind ?? ErrorKind.InvalidOperation, message, null, cause)
    {
        Summary = summary;
    }

    public RunSummary Summary { get; }
}

/// <summary>
/// Keeps the account of a run over many items as their outcomes arrive (from any thread), so that a run that
/// stops early can say exactly what it did. The words of the summary are the core's; the noun and the verb are
/// the operation's ("VM", "changed"; "disk", "created").
/// </summary>
public sealed class RunLedger
{
    private readonly object gate = new();
    private readonly List<string> changed = new();
    private readonly List<string> failed = new();
    private readonly List<string> inDoubt = new();
    private readonly List<string> followUp = new();
    private int unchanged;

    public RunLedger(int planned, string noun, string nounPlural, string changedWord = "changed")
    {
        Planned = planned;
        Noun = noun;
        NounPlural = nounPlural;
        ChangedWord = changedWord;
    }

    public int Planned { get; }

    public string Noun { get; }

    public string NounPlural { get; }

    public string ChangedWord { get; }

    /// <summary>Items with an outcome so far.</summary>
    public int Settled
    {
        get
        {
            lock (gate)
            {
                return changed.Count + failed.Count + inDoubt.Count + unchanged;
            }
        }
    }

    public void Record(string name, ItemOutcome outcome, bool needsFollowUp = false)
    {
        lock (gate)
        {
            switch (outcome)
            {
                case ItemOutcome.Changed:
                    changed.Add(name);
                    break;
                case ItemOutcome.Unchanged:
                    unchanged++;
                    break;
                case ItemOutcome.Failed:
                    failed.Add(name);
                    break;
                default:
                    inDoubt.Add(name);
                    break;
            }

            if (needsFollowUp)
            {
                followUp.Add(name);
            }
        }
    }

    /// <summary>The account so far; everything without an outcome counts as not attempted.</summary>
    public RunSummary Summary(bool cancelled)
    {
        lock (gate)
        {
            return new RunSummary
            {
                Planned = Planned,
                Changed = changed.ToList(),
                Unchanged = unchanged,
                Failed = failed.ToList(),
                InDoubt = inDoubt.ToList(),
                NotAttempted = Math.Max(0, Planned - changed.Count - failed.Count - inDoubt.Count - unchanged),
                NeedFollowUp = followUp.ToList(),
                Cancelled = cancelled,
            };
        }
    }

    /// <summary>
    /// The exception that ends a run stopped early: <paramref name="cancelled"/> when the user stopped it, else
    /// <paramref name="cause"/> says what failed. <paramref name="followUpWords"/> says what the follow-up items
    /// need ("need a power cycle"); <paramref name="errorId"/> is the operation's (EnableDiskUuidInterrupted).
    /// </summary>
    public RunInterruptedException Interrupted(string errorId, bool cancelled, Exception? cause, string? followUpWords = null)
    {
        var summary = Summary(cancelled);
        return new RunInterruptedException(errorId, Describe(summary, cause, followUpWords), summary, cause);
    }

    /// <summary>The summary as one line: why it stopped, the counts, then every changed item and every item in doubt by name.</summary>
    public string Describe(RunSummary summary, Exception? cause, string? followUpWords)
    {
        var why = summary.Cancelled
            ? "Interrupted"
            : $"Stopped by a failure ({(cause is null ? "unknown" : Text.MessageText.OneLine(cause.Message, 300).TrimEnd('.'))})";
        var counts = new List<string>
        {
            Count(summary.Changed.Count, ChangedWord),
            Count(summary.Failed.Count, "failed"),
        };
        if (summary.InDoubt.Count > 0)
        {
            counts.Add(Count(summary.InDoubt.Count, "in doubt"));
        }

        counts.Add(Count(summary.NotAttempted, "not attempted"));
        if (summary.Unchanged > 0)
        {
            counts.Add(Count(summary.Unchanged, "already as asked"));
        }

        var text = $"{why} after {SettledCount(summary)} of {Number(summary.Planned)} {Plural(summary.Planned)}: {string.Join(", ", counts)}.";
        text += summary.Changed.Count == 0
            ? $" No {Noun} was {ChangedWord}."
            : $" {Capital(ChangedWord)}: {string.Join(", ", summary.Changed)}.";
        if (followUpWords is not null && summary.NeedFollowUp.Count > 0)
        {
            text += summary.NeedFollowUp.Count == summary.Changed.Count && summary.NeedFollowUp.All(summary.Changed.Contains)
                ? $" All {Number(summary.Changed.Count)} {followUpWords}."
                : $" {Number(summary.NeedFollowUp.Count)} {followUpWords}: {string.Join(", ", summary.NeedFollowUp)}.";
        }

        if (summary.InDoubt.Count > 0)
        {
            text += $" In doubt (the request was sent, no answer came back; check them): {string.Join(", ", summary.InDoubt)}.";
        }

        return text;
    }

    private static int SettledCount(RunSummary s) => s.Changed.Count + s.Failed.Count + s.InDoubt.Count + s.Unchanged;

    private string Plural(int count) => count == 1 ? Noun : NounPlural;

    private static string Count(int count, string word) => $"{Number(count)} {word}";

    private static string Number(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word.Substring(1);

    /// <summary>
    /// Whether an error from a call about one item is really about the connection (it would fail every item):
    /// a broken or refused connection, a refused login, a certificate. Such an error stops the run.
    /// </summary>
    public static bool StopsTheRun(Exception error) =>
        error is SoapTransportException || error is VsphereK8sException { Kind: ErrorKind.AuthenticationFailed or ErrorKind.ConnectionFailed or ErrorKind.SecurityError };

    /// <summary>
    /// Whether an item whose call failed with <paramref name="error"/> may have been changed anyway. A connection that
    /// failed below SOAP may have carried the request first (a retry that then finds the server gone hides that an
    /// earlier attempt got through), so only a certificate refusal is a sure "not sent".
    /// </summary>
    public static ItemOutcome OutcomeOfFailedCall(Exception error) => error switch
    {
        SoapTransportException { Failure: SoapTransportFailure.Certificate } => ItemOutcome.Failed,
        SoapTransportException => ItemOutcome.InDoubt,
        OperationCanceledException => ItemOutcome.InDoubt,
        _ => ItemOutcome.Failed,
    };
}

/// <summary>
/// Hands finished results to the host one at a time, whichever thread finished them: the host's writer (stdout,
/// a pipeline) never sees two calls at once.
/// </summary>
public sealed class ResultEmitter<T>
{
    private readonly object gate = new();
    private readonly Action<T> write;

    public ResultEmitter(Action<T> write) => this.write = write;

    public int Emitted { get; private set; }

    public void Emit(T result)
    {
        lock (gate)
        {
            write(result);
            Emitted++;
        }
    }
}

/// <summary>
/// A stop request that lets work in flight finish: <see cref="Stopping"/> is the caller's token (start nothing new
/// once it fires); <see cref="InFlight"/> fires only <see cref="GracePeriod"/> later, so calls already sent get their
/// answers and the summary can say what they did.
/// </summary>
public sealed class GracefulStop : IDisposable
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource inFlight = new();
    private readonly CancellationTokenRegistration registration;

    public GracefulStop(CancellationToken stopping, TimeSpan? grace = null)
    {
        Stopping = stopping;
        var period = grace ?? GracePeriod;
        registration = stopping.Register(() =>
        {
            try
            {
                inFlight.CancelAfter(period);
            }
            catch (ObjectDisposedException)
            {
                // The run is over.
            }
        });
    }

    public CancellationToken Stopping { get; }

    public CancellationToken InFlight => inFlight.Token;

    /// <summary>Ends in-flight work now (the run failed and is stopping).</summary>
    public void Abort()
    {
        try
        {
            inFlight.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        registration.Dispose();
        inFlight.Dispose();
    }
}
