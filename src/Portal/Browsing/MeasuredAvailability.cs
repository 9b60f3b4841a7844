namespace SpbeConnector.Portal.Browsing;

/// <summary>
/// The share of an API's requests answered well and in time over a window, the number of requests it rests on, and
/// whether it is below the floor every API is held to (Kota Bekasi Pasal 60 ayat (3) huruf m: at least 95%).
/// </summary>
public sealed record MeasuredAvailability(double Share, long Requests, bool BelowFloor);
