namespace OrleansScheduler.Silo.Api;

internal sealed partial class EventStream
{
    [LoggerMessage(900, LogLevel.Warning, "Event stream {Path} could not read its snapshot; sent as a problem event, retrying")]
    private static partial void LogReadFailed(ILogger logger, string path, Exception exception);
}
