namespace Booking.Web.Features.Account;

/// <summary>Refusals the account pages and the auth API share.</summary>
public static class AccountWords
{
    public const string BadResetLink = "This reset link is not valid any more: it may have expired, been used already, or been copied incompletely.";

    public const string BadConfirmationLink = "This confirmation link is not valid: it may have been copied incompletely. Ask for a new link with your e-mail address.";

    public const string CheckYourInbox = "Check your e-mail: we have sent a message to that address. To finish creating your account, open the link in it.";
}
