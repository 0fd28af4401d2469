using OrleansScheduler.Silo.Hosting;

await SiloApplication.Build(args).RunAsync().ConfigureAwait(false);
