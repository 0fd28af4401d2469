using Microsoft.AspNetCore.Diagnostics;

namespace OrleansScheduler.Silo.Api;

/// <summary>Turns the scheduler's domain exceptions into problem details: bad input 400, unknown job 404, store unavailable 503 (with Retry-After).</summary>
internal sealed class SchedulerExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            JobValidationException invalid => ApiProblems.Invalid(invalid.Errors),
            JobNotFoundException missing => ApiProblems.NotFound(missing.Message),
            BadHttpRequestException bad => FrameworkProblems.FromBadRequest(bad, httpContext),
            SchedulerUnavailableException unavailable => ApiProblems.Unavailable(unavailable.Message),
            _ => null,
        };
        if (exception is SchedulerUnavailableException)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }
        if (result is null)
        {
            return false;
        }

        await result.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
