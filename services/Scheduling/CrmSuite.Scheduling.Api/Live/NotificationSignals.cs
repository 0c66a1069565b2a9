using System.Threading.Channels;

namespace CrmSuite.Scheduling.Api.Live;

/// <summary>
/// This replica's open notification streams by person. A signal only says "look again": each
/// stream reads what is new from the database itself, so a lost or doubled signal loses or doubles
/// nothing.
/// </summary>
public sealed class NotificationSignals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, HashSet<Watcher>> _watchers = new(StringComparer.Ordinal);

    public sealed class Watcher : IDisposable
    {
        private readonly NotificationSignals _owner;
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        internal Watcher(NotificationSignals owner, string userId)
        {
            _owner = owner;
            UserId = userId;
        }

        public string UserId { get; }

        internal void Wake() => _wake.Writer.TryWrite(true);

        /// <summary>Returns when woken (or already woken since the last wait) or after <paramref name="timeout"/>.</summary>
        public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(timeout);
            try
            {
                await _wake.Reader.ReadAsync(timer.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The fallback poll: look again anyway.
            }
        }

        public void Dispose() => _owner.Remove(this);
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Values.Sum(w => w.Count);
            }
        }
    }

    public Watcher Watch(string userId)
    {
        var watcher = new Watcher(this, userId);
        lock (_gate)
        {
            if (!_watchers.TryGetValue(userId, out var set))
            {
                _watchers[userId] = set = [];
            }
            set.Add(watcher);
        }
        return watcher;
    }

    /// <summary>Something changed in <paramref name="userId"/>'s notifications.</summary>
    public void Signal(string userId)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(userId, out var set))
            {
                foreach (var watcher in set)
                {
                    watcher.Wake();
                }
            }
        }
    }

    /// <summary>Every stream looks again: the listener (re)connected and may have missed signals meanwhile.</summary>
    public void SignalAll()
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers.Values.SelectMany(s => s))
            {
                watcher.Wake();
            }
        }
    }

    private void Remove(Watcher watcher)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(watcher.UserId, out var set) && set.Remove(watcher) && set.Count == 0)
            {
                _watchers.Remove(watcher.UserId);
            }
        }
    }
}
