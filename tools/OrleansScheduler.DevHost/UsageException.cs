namespace OrleansScheduler.DevHost;

/// <summary>A command line the host cannot run; the message says what is wrong, in the scripts' words.</summary>
internal sealed class UsageException(string message) : Exception(message);
