using SpbeConnector.Portal.Approvals;
using SpbeConnector.Portal.Rendering;

namespace SpbeConnector.Portal.Components.Review;

/// <summary>The emergency acts waiting for a second person's review, whether the reader may review them, and a refused review's problems.</summary>
public sealed record EmergencyActsModel(IReadOnlyList<EmergencyActView> Acts, bool MayReview, Guid? FailedAct, FormErrors Errors);
