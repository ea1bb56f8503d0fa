using System.Net.Mail;
using Quire.Core.Errors;

namespace Quire.Core.Users;

/// <summary>What makes a user name, e-mail address, display name or password acceptable.</summary>
public static class UserInputRules
{
    public const int MaxNameLength = 255;
    public const int MaxPasswordLength = 1024;

    public static string UserName(string? value)
    {
        var name = Required(value, "userName").Trim();
        if (name.Length > MaxNameLength)
            throw new BadRequestException($"userName must be at most {MaxNameLength} characters.");
        // No '@': sign-in takes an e-mail address or a user name, so a user name must never look like an address.
        if (!name.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '+'))
            throw new BadRequestException("userName may contain only letters, digits and . _ - +");
        return name;
    }

    public static string Email(string? value)
    {
        var email = Required(value, "email").Trim();
        if (email.Length > MaxNameLength)
            throw new BadRequestException($"email must be at most {MaxNameLength} characters.");
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.'))
            throw new BadRequestException($"'{email}' is not a valid email address.");
        return email;
    }

    public static string DisplayName(string? value)
    {
        var name = Required(value, "displayName").Trim();
        if (name.Length > MaxNameLength)
            throw new BadRequestException($"displayName must be at most {MaxNameLength} characters.");
        if (name.Any(char.IsControl))
            throw new BadRequestException("displayName must not contain control characters.");
        return name;
    }

    public static string Password(string? value)
    {
        var password = Required(value, "password");
        if (password.Length > MaxPasswordLength)
            throw new BadRequestException($"password must be at most {MaxPasswordLength} characters.");
        return password;
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new BadRequestException($"{field} is required.") : value;
}
