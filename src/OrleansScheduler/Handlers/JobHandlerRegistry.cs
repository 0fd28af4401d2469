using Microsoft.Extensions.DependencyInjection;

namespace OrleansScheduler.Handlers;

/// <summary>The handlers this silo knows, by name. A job may only name one of them.</summary>
internal sealed class JobHandlerRegistry
{
    private readonly Dictionary<string, Type> _handlers = new(StringComparer.Ordinal);

    public JobHandlerRegistry(IEnumerable<JobHandlerRegistration> registrations)
    {
        var conflicts = new List<string>();
        foreach (var registration in registrations)
        {
            if (_handlers.TryGetValue(registration.Name, out var existing) && existing != registration.HandlerType)
            {
                conflicts.Add($"handler name \"{registration.Name}\" is registered for both {existing.FullName} and {registration.HandlerType.FullName}");
                continue;
            }

            _handlers[registration.Name] = registration.HandlerType;
        }

        if (conflicts.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", conflicts));
        }
    }

    /// <summary>The registered names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _handlers.Keys.Order(StringComparer.Ordinal)];

    public bool Contains(string name) => _handlers.ContainsKey(name);

    /// <summary>Resolves a handler from a (scoped) service provider.</summary>
    public static IJobHandler Resolve(IServiceProvider services, string name) =>
        services.GetRequiredKeyedService<IJobHandler>(name);

    /// <summary>Checks that a handler exists and, where it can, that the payload suits it.</summary>
    public void Validate(IServiceProvider services, string handler, string? payload, ICollection<string> errors)
    {
        if (!Contains(handler))
        {
            errors.Add($"handler: \"{handler}\" is not registered on this cluster (known: {string.Join(", ", Names)})");
            return;
        }

        if (Resolve(services, handler) is IJobPayloadValidator validator)
        {
            foreach (var error in validator.ValidatePayload(payload))
            {
                errors.Add(error);
            }
        }
    }
}
