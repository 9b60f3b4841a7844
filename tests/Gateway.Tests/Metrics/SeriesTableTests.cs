using SpbeConnector.Gateway.Metrics;

namespace SpbeConnector.Gateway.Tests.Metrics;

/// <summary>The look-up of a series by its labels, done for every framework measurement of every request.</summary>
public sealed class SeriesTableTests
{
    [Fact]
    public void Labels_with_equal_values_find_the_same_series_whatever_their_boxes()
    {
        var table = new SeriesTable<object>(() => new object());
        // The framework boxes a status code anew for each measurement: equal values must still be one series.
        var first = table.Get([new("http.request.method", "GET"), new("http.response.status_code", (object)200)]);
        var again = table.Get([new("http.request.method", "GET"), new("http.response.status_code", (object)200)]);
        var other = table.Get([new("http.request.method", "GET"), new("http.response.status_code", (object)503)]);

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.Equal(2, table.All().Count());
        Assert.Contains(table.All(), s => s.Tags.Tags.Any(t => t.Key == "http.response.status_code" && t.Value == "503"));
    }

    [Fact]
    public void Concurrent_first_measurements_of_one_series_create_it_once()
    {
        var table = new SeriesTable<object>(() => new object());
        var found = new object[64];
        Parallel.For(0, found.Length, i => found[i] = table.Get([new("route", "/a"), new("status", (object)200)]));

        Assert.Single(table.All());
        Assert.All(found, f => Assert.Same(found[0], f));
    }
}
