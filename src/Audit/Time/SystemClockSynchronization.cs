using System.Runtime.InteropServices;

namespace SpbeConnector.Audit.Time;

/// <summary>
/// Reads the kernel's clock discipline state with <c>adjtimex(2)</c> in read-only mode (modes = 0, no privilege
/// needed), the same source <c>timedatectl</c> and <c>ntpstat</c> report from: TIME_ERROR or STA_UNSYNC means the
/// clock is not synchronised; <c>esterror</c> and <c>maxerror</c> are its estimated and maximum error in microseconds.
/// </summary>
public static class SystemClockSynchronization
{
    private const int TimeError = 5;
    private const int StaUnsync = 0x0040;
    // struct timex on LP64 Linux (x86-64 and arm64): int modes; long offset, freq, maxerror, esterror; int status; ...
    private const int MaxErrorOffset = 24;
    private const int EstErrorOffset = 32;
    private const int StatusOffset = 40;
    private const int TimexSize = 512; // larger than the 208-byte struct, zeroed: the kernel reads modes only

    public static ClockStatus Read()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
            return new ClockStatus("system", null, null, null);
        var buffer = new byte[TimexSize];
        int state;
        try
        {
            state = adjtimex(buffer);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return new ClockStatus("system", null, null, null);
        }
        if (state < 0)
            return new ClockStatus("system", null, null, null);
        var status = BitConverter.ToInt32(buffer, StatusOffset);
        var maxError = BitConverter.ToInt64(buffer, MaxErrorOffset);
        var estError = BitConverter.ToInt64(buffer, EstErrorOffset);
        var synchronized = state != TimeError && (status & StaUnsync) == 0;
        return new ClockStatus("system", synchronized, estError / 1000.0, maxError / 1000.0);
    }

    // Only the system's own C library, never one found in the application or working directory (CA5392).
    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int adjtimex([In, Out] byte[] buffer);
}
