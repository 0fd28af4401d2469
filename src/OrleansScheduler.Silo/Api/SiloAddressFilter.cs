namespace OrleansScheduler.Silo.Api;

/// <summary>
/// Answers 404 when a route value that should name a silo is not a silo address. The Orleans Dashboard's per-silo
/// endpoints pass the value to a grain whose activation parses it, so anything else (<c>abc</c>, <c>..%2F..</c>)
/// ended in a failed activation and a 500.
/// </summary>
/// <param name="parameter">The route parameter that carries the address.</param>
internal sealed class SiloAddressFilter(string parameter) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var value = context.HttpContext.GetRouteValue(parameter) as string;
        return SiloAddress.TryParse(value, out _)
            ? next(context)
            : ValueTask.FromResult<object?>(ApiProblems.NotFound(
                $"no silo has the address \"{value}\"; silo addresses read ip:port@generation, as the dashboard lists them"));
    }
}
