namespace CrmSuite.Documents.Api.Rendering;

/// <summary>
/// Queues prints for the printer's contexts and coalesces those that wait: at most
/// <see cref="RenderingOptions.Contexts"/> prints run at once; a print that finds a context free starts at
/// once, alone (nothing is held back when the printer is idle, unless
/// <see cref="RenderingOptions.BatchWindow"/> asks for a short wait); prints queued behind busy contexts
/// are taken together when a context frees — up to <see cref="RenderingOptions.MaxBatch"/> with the same
/// head (<see cref="CombinedPrint"/>), never two heads in one print — printed as one document and split.
/// A failed combined print fails only the prints in it; one whose split does not come out right is
/// printed again one by one.
/// </summary>
internal sealed class PrintBatcher(Func<string, Task<byte[]>> print, RenderingOptions options, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly LinkedList<Job> _waiting = [];
    private int _running;

    /// <summary>Combined prints made and split into one PDF per document (tests: coalescing happened and its split worked).</summary>
    public int CombinedPrints => Volatile.Read(ref _combined);

    private int _combined;

    public async Task<byte[]> PrintAsync(string html, CancellationToken cancellationToken)
    {
        var job = new Job(html, options.MaxBatch > 1 ? CombinedPrint.Parse(html) : null);
        await using var registration = cancellationToken.Register(() => job.Result.TrySetCanceled(cancellationToken));
        bool start;
        lock (_gate)
        {
            _waiting.AddLast(job);
            start = _running < options.Contexts;
            if (start)
            {
                _running++;
            }
        }
        if (start)
        {
            _ = Task.Run(RunAsync, CancellationToken.None);
        }
        return await job.Result.Task;
    }

    /// <summary>One context's worth of printing: takes what waits until nothing does.</summary>
    private async Task RunAsync()
    {
        if (options.BatchWindow > TimeSpan.Zero)
        {
            await Task.Delay(options.BatchWindow);
        }
        while (true)
        {
            List<Job> batch;
            lock (_gate)
            {
                batch = TakeLocked();
                if (batch.Count == 0)
                {
                    _running--;
                    return;
                }
            }
            await PrintBatchAsync(batch);
        }
    }

    /// <summary>The oldest waiting print and, if it can be combined, the next ones with its head.</summary>
    private List<Job> TakeLocked()
    {
        var batch = new List<Job>();
        var node = _waiting.First;
        while (node is not null)
        {
            var next = node.Next;
            var job = node.Value;
            if (job.Result.Task.IsCompleted)
            {
                _waiting.Remove(node); // cancelled while it waited
            }
            else if (batch.Count == 0 || (batch[0].Parts is { } first && job.Parts?.Key == first.Key))
            {
                _waiting.Remove(node);
                batch.Add(job);
                if (batch[0].Parts is null || batch.Count >= options.MaxBatch)
                {
                    break;
                }
            }
            node = next;
        }
        return batch;
    }

    private async Task PrintBatchAsync(List<Job> batch)
    {
        if (batch.Count > 1)
        {
            byte[] pdf;
            try
            {
                pdf = await print(CombinedPrint.Compose([.. batch.Select(j => j.Parts!)]));
            }
            catch (Exception ex)
            {
                foreach (var job in batch)
                {
                    job.Result.TrySetException(ex);
                }
                return;
            }
            var files = TrySplit(pdf, batch);
            if (files is not null)
            {
                Interlocked.Increment(ref _combined);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(files[i]);
                }
                return;
            }
            logger.LogWarning("A combined print of {Count} documents did not split into one PDF each; printing them one by one", batch.Count);
        }
        foreach (var job in batch)
        {
            try
            {
                job.Result.TrySetResult(await print(job.Html));
            }
            catch (Exception ex)
            {
                job.Result.TrySetException(ex);
            }
        }
    }

    private byte[][]? TrySplit(byte[] pdf, List<Job> batch)
    {
        try
        {
            return CombinedPrint.Split(pdf, [.. batch.Select(j => j.Parts!.Title)]);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogWarning(ex, "PdfPig could not split a combined print");
            return null;
        }
    }

    private sealed class Job(string html, CombinedPrint.Parts? parts)
    {
        public string Html { get; } = html;

        public CombinedPrint.Parts? Parts { get; } = parts;

        public TaskCompletionSource<byte[]> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
