using SpbeConnector.Portal.Approvals;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Review;

/// <summary>
/// The emergency acts waiting for a second person's review, whether the reader may review them, a refused review's
/// problems, and the outcome of the act or review just taken (POST-redirect-GET).
/// </summary>
public sealed record EmergencyActsModel(IReadOnlyList<EmergencyActView> Acts, bool MayReview, Guid? FailedAct, FormErrors Errors, PortalNotice.Message? Notice = null);
