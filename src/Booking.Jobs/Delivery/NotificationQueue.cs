using Hangfire;

namespace Booking.Jobs.Delivery;

/// <summary>Puts one delivery job per notification on the queue, carrying only its id.</summary>
public interface INotificationQueue
{
    void Enqueue(Guid notificationId);
}

/// <summary>The Hangfire queue: the job is stored before this returns, and a worker on any node runs it.</summary>
public sealed class HangfireNotificationQueue(IBackgroundJobClient jobs) : INotificationQueue
{
    public void Enqueue(Guid notificationId) => jobs.Enqueue<DeliverNotification>(job => job.RunAsync(notificationId, CancellationToken.None));
}
