namespace OrleansScheduler.Handlers;

/// <summary>The payload of the <c>log</c> handler.</summary>
internal sealed record LogPayload
{
    public string? Message { get; init; }

    public string? Level { get; init; }
}
