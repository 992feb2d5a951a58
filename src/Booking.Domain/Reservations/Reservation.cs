using Booking.Domain.Common;
using Booking.Domain.Resources;

namespace Booking.Domain.Reservations;

/// <summary>A patron's hold on a resource for a time; its behaviour methods are the only way its status changes.</summary>
public sealed class Reservation
{
    private Reservation()
    {
    }

    public Guid Id { get; private set; }

    public Guid ResourceId { get; private set; }

    /// <summary>Copied from the resource so quotas are counted without a join.</summary>
    public string KindCode { get; private set; } = "";

    public Guid PatronId { get; private set; }

    public Guid CreatedById { get; private set; }

    public bool CreatedOnBehalf { get; private set; }

    /// <summary>The series staff booked it in, if any.</summary>
    public Guid? SeriesId { get; private set; }

    public DateTime StartsAtUtc { get; private set; }

    public DateTime EndsAtUtc { get; private set; }

    /// <summary>End plus the policy's buffer: the resource is not bookable again before this.</summary>
    public DateTime BlockedUntilUtc { get; private set; }

    public ReservationStatus Status { get; private set; }

    /// <summary>The longest notes a reservation keeps; every way of booking refuses longer ones.</summary>
    public const int MaxNotesLength = 1000;

    /// <summary>A cancellation or rejection reason's longest length (the <c>StatusReason</c> column).</summary>
    public const int MaxReasonLength = 500;

    public string? Notes { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public Guid? DecidedById { get; private set; }

    public DateTime? CheckedInAtUtc { get; private set; }

    public DateTime? CompletedAtUtc { get; private set; }

    public DateTime? CancelledAtUtc { get; private set; }

    public Guid? CancelledById { get; private set; }

    /// <summary>Why it was cancelled or rejected, in the words the patron is shown.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>Set while a waiting-list offer is held for the patron; past it the offer lapses.</summary>
    public DateTime? OfferExpiresAtUtc { get; private set; }

    public UtcInterval Interval => new(StartsAtUtc, EndsAtUtc);

    public bool IsActive => Status.IsActive();

    public bool IsAwaitingPatron => OfferExpiresAtUtc is not null && Status == ReservationStatus.Pending;

    /// <summary>
    /// Cuts the reservation from its patron for good (privacy retention, a closed account): it names the stand-in
    /// account every anonymised row shares, keeps no notes and no reason in words. Resource, times and status stay, so
    /// figures hold.
    /// </summary>
    public void Anonymise(Guid standInId)
    {
        var patron = PatronId;
        PatronId = standInId;
        CreatedById = CreatedById == patron ? standInId : CreatedById;
        CancelledById = CancelledById == patron ? standInId : CancelledById;
        Notes = null;
        StatusReason = null;
    }

    /// <summary>Makes a reservation the rules have already accepted.</summary>
    public static Reservation Book(Resource resource, BookingPolicy policy, BookingRequest request, Guid createdById, string? notes, DateTime nowUtc, Guid? seriesId = null) => new()
    {
        SeriesId = seriesId,
        Id = Guid.NewGuid(),
        ResourceId = resource.Id,
        KindCode = resource.KindCode,
        PatronId = request.PatronId,
        CreatedById = createdById,
        CreatedOnBehalf = request.OnBehalfByStaff,
        StartsAtUtc = request.Interval.Start,
        EndsAtUtc = request.Interval.End,
        BlockedUntilUtc = BookingRules.Blocked(request.Interval, policy.BufferAfterMinutes).End,
        Status = policy.RequiresApproval ? ReservationStatus.Pending : ReservationStatus.Confirmed,
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
        CreatedAtUtc = nowUtc,
    };

    /// <summary>A slot held for the first patron on the waiting list until <paramref name="offerExpiresAtUtc"/>.</summary>
    public static Reservation Offer(Resource resource, BookingPolicy policy, Guid patronId, UtcInterval interval, DateTime offerExpiresAtUtc, DateTime nowUtc)
    {
        var reservation = Book(resource, policy with { RequiresApproval = true }, new BookingRequest(patronId, interval), patronId, "Offered from the waiting list", nowUtc);
        reservation.OfferExpiresAtUtc = offerExpiresAtUtc;
        return reservation;
    }

    public void AcceptOffer(BookingPolicy policy, DateTime nowUtc)
    {
        if (!IsAwaitingPatron)
        {
            throw new DomainException(BookingRefusal.Of(ErrorCodes.InvalidState, RefusalReasons.NoOpenOffer, ("status", Status)));
        }

        if (nowUtc >= OfferExpiresAtUtc)
        {
            throw new DomainException(new BookingRefusal(ErrorCodes.InvalidState, RefusalReasons.OfferLapsed));
        }

        OfferExpiresAtUtc = null;
        if (!policy.RequiresApproval)
        {
            Status = ReservationStatus.Confirmed;
        }
    }

    public void Approve(Guid staffId, DateTime nowUtc)
    {
        if (Status != ReservationStatus.Pending || IsAwaitingPatron)
        {
            throw Invalid(RefusalReasons.CannotApprove);
        }

        Status = ReservationStatus.Confirmed;
        DecidedById = staffId;
        DecidedAtUtc = nowUtc;
    }

    public void Reject(Guid staffId, string reason, DateTime nowUtc)
    {
        if (Status != ReservationStatus.Pending || IsAwaitingPatron)
        {
            throw Invalid(RefusalReasons.CannotReject);
        }

        var why = Reason(reason, "Not approved by staff.");
        Status = ReservationStatus.Rejected;
        DecidedById = staffId;
        DecidedAtUtc = nowUtc;
        StatusReason = why;
    }

    /// <summary>Cancels a pending or confirmed reservation; a checked-in one is completed instead.</summary>
    public void Cancel(Guid byId, string? reason, DateTime nowUtc)
    {
        if (Status is not (ReservationStatus.Pending or ReservationStatus.Confirmed))
        {
            throw Invalid(RefusalReasons.CannotCancel);
        }

        var why = Reason(reason, byId == PatronId ? "Cancelled by the patron." : "Cancelled by staff.");
        Status = ReservationStatus.Cancelled;
        CancelledById = byId;
        CancelledAtUtc = nowUtc;
        StatusReason = why;
        OfferExpiresAtUtc = null;
    }

    /// <summary>When check-in is possible: from N minutes before the start until the no-show grace runs out.</summary>
    public UtcInterval CheckInWindow(BookingPolicy policy) =>
        new(StartsAtUtc.AddMinutes(-policy.CheckInOpensMinutesBefore), StartsAtUtc.AddMinutes(policy.NoShowGraceMinutes));

    public void CheckIn(BookingPolicy policy, DateTime nowUtc)
    {
        if (Status != ReservationStatus.Confirmed)
        {
            throw Invalid(RefusalReasons.CannotCheckIn);
        }

        var window = CheckInWindow(policy);
        if (nowUtc < window.Start)
        {
            throw new DomainException(BookingRefusal.Of(ErrorCodes.CheckInWindow, RefusalReasons.CheckInNotYet, ("before", TimeSpan.FromMinutes(policy.CheckInOpensMinutesBefore))));
        }

        if (nowUtc >= window.End)
        {
            throw new DomainException(new BookingRefusal(ErrorCodes.CheckInWindow, RefusalReasons.CheckInClosed));
        }

        Status = ReservationStatus.CheckedIn;
        CheckedInAtUtc = nowUtc;
    }

    /// <summary>Ends a checked-in reservation; for a laptop, its return.</summary>
    public void Complete(DateTime nowUtc)
    {
        if (Status != ReservationStatus.CheckedIn)
        {
            throw Invalid(RefusalReasons.CannotComplete);
        }

        Status = ReservationStatus.Completed;
        CompletedAtUtc = nowUtc;
    }

    /// <summary>Why a no-show was released: kept on the reservation (the no-show sweep writes it set-based too).</summary>
    public const string NoShowReason = "Not checked in within the grace period.";

    /// <summary>Releases a confirmed reservation nobody claimed, once its grace has passed.</summary>
    public void MarkNoShow(BookingPolicy policy, DateTime nowUtc)
    {
        if (Status != ReservationStatus.Confirmed)
        {
            throw Invalid(RefusalReasons.CannotReleaseNoShow);
        }

        if (nowUtc < StartsAtUtc.AddMinutes(policy.NoShowGraceMinutes))
        {
            throw new DomainException(ErrorCodes.InvalidState, "The no-show grace has not passed yet.");
        }

        Status = ReservationStatus.NoShow;
        StatusReason = NoShowReason;
        CancelledAtUtc = nowUtc;
    }

    /// <summary>Laptops not returned by their end are overdue.</summary>
    public bool IsOverdue(DateTime nowUtc) => Status == ReservationStatus.CheckedIn && nowUtc > EndsAtUtc;

    private DomainException Invalid(string reason) =>
        new(BookingRefusal.Of(ErrorCodes.InvalidState, reason, ("status", Status)));

    /// <summary>The stored reason (its column holds <see cref="MaxReasonLength"/>): a longer one is refused, not cut, before anything changes.</summary>
    private static string Reason(string? given, string fallback) =>
        string.IsNullOrWhiteSpace(given) ? fallback
        : given.Trim().Length > MaxReasonLength ? throw new DomainException(BookingRefusal.Of(ErrorCodes.Validation, RefusalReasons.ReasonTooLong, ("max", MaxReasonLength)))
        : given.Trim();
}
