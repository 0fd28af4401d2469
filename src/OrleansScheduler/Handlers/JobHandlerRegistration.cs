namespace OrleansScheduler.Handlers;

/// <summary>A handler registered under a name with <c>AddJobHandler</c>.</summary>
/// <param name="Name">The name jobs use in their <see cref="JobSpec.Handler"/>.</param>
/// <param name="HandlerType">The implementation type, resolved from DI per run.</param>
public sealed record JobHandlerRegistration(string Name, Type HandlerType);
