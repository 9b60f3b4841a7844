using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpbeConnector.Policies;

/// <summary>
/// Ties each step's <c>Use...</c> to its <c>Add...</c>: the <c>Add...</c> marks the step added, the <c>Use...</c> checks
/// the mark when the pipeline is built. Without it a forgotten <c>Add...</c> surfaces as a resolution error on the
/// first proxied request (or, for optional services, as a step that silently does nothing); with it the host refuses
/// to start and names the call that is missing.
/// </summary>
public static class DataPlaneStep
{
    /// <summary>Marks the step of <typeparamref name="TStep"/> (its middleware) as added; called by its <c>Add...</c>.</summary>
    public static IServiceCollection MarkAdded<TStep>(this IServiceCollection services)
    {
        services.TryAddSingleton<StepAdded<TStep>>();
        return services;
    }

    /// <summary>
    /// Throws, naming <paramref name="addCall"/>, when the step of <typeparamref name="TStep"/> was not added;
    /// called by its <c>Use...</c> before it places the middleware.
    /// </summary>
    public static IApplicationBuilder RequireAdded<TStep>(this IApplicationBuilder app, string addCall, string useCall)
    {
        if (app.ApplicationServices.GetService<StepAdded<TStep>>() is null)
            throw new InvalidOperationException(
                $"{useCall}() places the {typeof(TStep).Name} step but its services were not added: call services.{addCall}(...) " +
                $"(or services.{nameof(DataPlanePolicyExtensions.AddDataPlanePolicies)}(...), which adds every step) before the application is built.");
        return app;
    }
}
