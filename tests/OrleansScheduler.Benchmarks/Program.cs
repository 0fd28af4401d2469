using OrleansScheduler.Benchmarks;

return await BenchmarkApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
