using System.Diagnostics;
using System.Globalization;

namespace SpbeConnector.Gateway.Hosting;

/// <summary>
/// One server process per data directory: an exclusive lock on <c>{data}/gateway.lock</c> (<see cref="FileShare.None"/>,
/// an advisory <c>flock</c> on Linux), held from before anything is written there until the host is disposed. Two
/// servers on one directory would both append to its SQLite audit log and each break the other's sequence (Pasal 59
/// ayat (9) huruf e); the second is refused at start, naming the first. The kernel releases the lock when the process
/// ends, even on SIGKILL, so a crash leaves no stale lock behind.
///
/// The holder's process id is written to <c>gateway.pid</c> beside the lock: the lock file itself cannot be read by
/// another .NET process while it is held.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string LockFileName = "gateway.lock";
    public const string OwnerFileName = "gateway.pid";

    private readonly FileStream _lock;
    private readonly string _ownerFile;

    private DataDirectoryLock(FileStream @lock, string ownerFile)
    {
        _lock = @lock;
        _ownerFile = ownerFile;
    }

    /// <summary>Takes the lock of <paramref name="dataDirectory"/>, or throws naming the process that holds it.</summary>
    public static DataDirectoryLock Acquire(string dataDirectory)
    {
        var lockFile = Path.Combine(dataDirectory, LockFileName);
        var ownerFile = Path.Combine(dataDirectory, OwnerFileName);
        FileStream stream;
        try
        {
            stream = new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"Another gateway ({DescribeOwner(ownerFile)}) is running on the data directory {dataDirectory} (it holds {lockFile}). " +
                "Only one server process may use a data directory: stop that one first, or give this one its own data directory " +
                $"(--DataDirectory or {Registry.Hosting.DataDirectory.EnvironmentVariable}).");
        }
        using var process = Process.GetCurrentProcess();
        var owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}\n{DateTimeOffset.UtcNow:O}\n{process.ProcessName}\n");
        File.WriteAllText(ownerFile, owner);
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.UTF8.GetBytes(owner));
        stream.Flush();
        return new DataDirectoryLock(stream, ownerFile);
    }

    /// <summary>The process id of the holder, as it recorded it, or null.</summary>
    public static int? OwnerProcessId(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, OwnerFileName)).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string DescribeOwner(string ownerFile)
    {
        try
        {
            var lines = File.ReadAllLines(ownerFile);
            return lines.Length >= 2 ? $"process {lines[0]}, started {lines[1]}" : "process unknown";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "process unknown";
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_ownerFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The next holder overwrites it.
        }
        _lock.Dispose();
    }
}
