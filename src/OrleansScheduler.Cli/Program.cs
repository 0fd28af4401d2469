using OrleansScheduler.Cli;

return await OschedApp.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
