using System.Reflection;
using SpbeConnector.Registry.Contracts;
using SpbeConnector.Registry.Domain;

namespace SpbeConnector.Registry.Tests.Contracts;

/// <summary>
/// The comparison that decides whether a write reloads routes and which APIs a reload rebuilds: equal views by value
/// (new lists with the same elements) are the same, and a change of any property, nested settings included, is seen.
/// </summary>
public class PublishedApiComparerTests
{
    private static PublishedApi Api() =>
        new(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), "dinkes", "dinkes.go.id", "Antrean", "antrean", "v1",
            ["https://antrean.dinkes.go.id"], false, InformationClassification.Restricted, ApiStatus.Published,
            IsPublic: false, ForwardAccessToken: false, RequiredScopes: ["antrean:read"], UpstreamOAuthVersion: null)
        {
            DocumentRevision = 3,
            Validation = new ApiValidationSettings { AllowedFileTypes = ["application/pdf"] },
            Cors = new ApiCorsSettings { AllowedOrigins = ["https://portal.dinkes.go.id"] },
            UpstreamTimeout = TimeSpan.FromSeconds(30),
            HealthCheckPath = "/health",
            HealthCheckInterval = TimeSpan.FromSeconds(10),
        };

    [Fact]
    public void Two_views_read_separately_with_equal_values_are_the_same()
    {
        Assert.True(PublishedApiComparer.Instance.Equals(Api(), Api()));
        Assert.True(PublishedApiComparer.Instance.Equals(null, null));
        Assert.False(PublishedApiComparer.Instance.Equals(Api(), null));
    }

    public static TheoryData<string, Func<PublishedApi, PublishedApi>> Changes => new()
    {
        { "upstream", a => a with { UpstreamUrls = ["https://antrean-2.dinkes.go.id"] } },
        { "upstream added", a => a with { UpstreamUrls = [.. a.UpstreamUrls, "https://antrean-2.dinkes.go.id"] } },
        { "status", a => a with { Status = ApiStatus.Deprecated } },
        { "public", a => a with { IsPublic = true } },
        { "tenant", a => a with { TenantDomain = null } },
        { "required scopes", a => a with { RequiredScopes = ["antrean:write"] } },
        { "upstream credentials", a => a with { UpstreamOAuthVersion = "AB12" } },
        { "document revision", a => a with { DocumentRevision = 4 } },
        { "validation setting", a => a with { Validation = a.Validation with { MaxDepth = 8 } } },
        { "validation list", a => a with { Validation = a.Validation with { AllowedFileTypes = ["image/png"] } } },
        { "cors list", a => a with { Cors = a.Cors with { AllowedOrigins = ["https://lain.go.id"] } } },
        { "cors max age", a => a with { Cors = a.Cors with { MaxAge = TimeSpan.FromMinutes(1) } } },
        { "timeout", a => a with { UpstreamTimeout = null } },
        { "health path", a => a with { HealthCheckPath = "/ready" } },
        { "health interval", a => a with { HealthCheckInterval = TimeSpan.FromSeconds(5) } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void A_change_of_any_property_is_seen(string what, Func<PublishedApi, PublishedApi> change) =>
        Assert.False(PublishedApiComparer.Instance.Equals(Api(), change(Api())), $"a change of the {what} was not seen");

    /// <summary>Every settable property of the view, and of its settings, takes part (none is skipped by the reflection).</summary>
    [Fact]
    public void Every_property_of_the_view_and_its_settings_takes_part()
    {
        foreach (var (type, make) in new (Type, Func<object>)[] { (typeof(ApiValidationSettings), () => new ApiValidationSettings()), (typeof(ApiCorsSettings), () => new ApiCorsSettings()) })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
            {
                var changed = make();
                property.SetValue(changed, Different(property.PropertyType, property.GetValue(changed)));
                var api = Api();
                var other = type == typeof(ApiValidationSettings) ? api with { Validation = (ApiValidationSettings)changed } : api with { Cors = (ApiCorsSettings)changed };
                var baseline = type == typeof(ApiValidationSettings) ? api with { Validation = new ApiValidationSettings() } : api with { Cors = new ApiCorsSettings() };
                Assert.False(PublishedApiComparer.Instance.Equals(baseline, other), $"{type.Name}.{property.Name} is not compared");
            }
        }
    }

    private static object? Different(Type type, object? value) => type switch
    {
        _ when type == typeof(bool) => !(bool)value!,
        _ when type == typeof(int) => (int)value! + 1,
        _ when type == typeof(long) => (long)value! + 1,
        _ when type == typeof(TimeSpan) => (TimeSpan)value! + TimeSpan.FromSeconds(1),
        _ when type == typeof(TimeSpan?) => ((TimeSpan?)value ?? TimeSpan.Zero) + TimeSpan.FromSeconds(1),
        _ when type == typeof(IReadOnlyList<string>) => ((IReadOnlyList<string>)value!).Append("x").ToArray(),
        _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(value)),
        _ => throw new InvalidOperationException($"no different value for {type}: add one to this test"),
    };
}
