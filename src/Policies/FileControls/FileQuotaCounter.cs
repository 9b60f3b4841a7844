using System.Collections.Concurrent;

namespace SpbeConnector.Policies.FileControls;

/// <summary>
/// Per-client file quotas of each API (Pasal 59 ayat (14) huruf a): how many files and bytes one client has
/// uploaded in the current window. Fixed windows that start at a client's first upload; counted on this node.
/// Uploads are reserved before the files are scanned and released if the request is refused afterwards, so
/// only accepted files count.
/// </summary>
public sealed class FileQuotaCounter(TimeProvider clock)
{
    private readonly ConcurrentDictionary<(Guid Api, string Client), Window> _windows = new();
    private long _operations;

    /// <summary>Reserves the files in the client's window; false (and when the window ends) when that would pass a quota.</summary>
    public bool TryReserve(Guid api, string client, int files, long bytes, int maxFiles, long maxBytes, TimeSpan length, out DateTimeOffset windowEnd)
    {
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref _operations) % 1024 == 0)
            Sweep(now);
        var window = _windows.GetOrAdd((api, client), _ => new Window());
        lock (window)
        {
            if (window.End <= now)
                (window.End, window.Files, window.Bytes) = (now + length, 0, 0);
            windowEnd = window.End;
            if (window.Files + files > maxFiles || window.Bytes + bytes > maxBytes)
                return false;
            window.Files += files;
            window.Bytes += bytes;
            return true;
        }
    }

    public void Release(Guid api, string client, int files, long bytes)
    {
        if (!_windows.TryGetValue((api, client), out var window))
            return;
        lock (window)
        {
            window.Files = Math.Max(0, window.Files - files);
            window.Bytes = Math.Max(0, window.Bytes - bytes);
        }
    }

    /// <summary>Forgets windows that have ended, so that memory follows the active clients only.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows)
        {
            if (window.End <= now)
                _windows.TryRemove(new KeyValuePair<(Guid, string), Window>(key, window));
        }
    }

    private sealed class Window
    {
        public DateTimeOffset End;
        public int Files;
        public long Bytes;
    }
}
