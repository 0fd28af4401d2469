namespace OrleansScheduler.Handlers;

/// <summary>
/// Implemented by a handler that can tell a bad payload at scheduling time, so a job that could never run is
/// rejected with a clear error instead of failing at every fire.
/// </summary>
public interface IJobPayloadValidator
{
    /// <summary>Returns one message per problem (naming the field and the rule); empty when the payload is fine.</summary>
    /// <param name="payload">The payload JSON text (already known to be valid JSON), or null.</param>
    IEnumerable<string> ValidatePayload(string? payload);
}
