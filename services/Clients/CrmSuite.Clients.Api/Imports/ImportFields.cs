using System.Text;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// The company fields a file column can be mapped to, with the header words (Russian and English)
/// that suggest them. A new company field (KPP, address, tag, custom field) is added here, in the
/// row plan and in the run's SQL (<see cref="ImportRunner"/>).
/// </summary>
public static class ImportFields
{
    public const string Name = "name";
    public const string Inn = "inn";
    public const string Email = "email";
    public const string Phone = "phone";

    public static readonly IReadOnlyList<string> All = [Name, Inn, Email, Phone];

    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        [Name] = ["name", "company", "company name", "organization", "organisation", "client", "customer", "title",
            "наименование", "название", "компания", "организация", "клиент", "контрагент", "наименование организации", "название компании", "полное наименование"],
        [Inn] = ["inn", "tax id", "taxpayer id", "tin", "инн", "инн организации", "инн контрагента"],
        [Email] = ["email", "e mail", "mail", "email address", "почта", "электронная почта", "эл почта", "e mail адрес", "емейл", "имейл"],
        [Phone] = ["phone", "telephone", "tel", "phone number", "mobile", "телефон", "тел", "номер телефона", "мобильный", "контактный телефон"],
    };

    /// <summary>The suggested field per header ("" = not imported); each field at most once, first header wins.</summary>
    public static string[] Suggest(IReadOnlyList<string> headers)
    {
        var mapping = new string[headers.Count];
        var taken = new HashSet<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var key = Key(headers[i]);
            var field = Aliases.FirstOrDefault(a => !taken.Contains(a.Key) && a.Value.Contains(key)).Key;
            mapping[i] = field ?? string.Empty;
            if (field is not null)
            {
                taken.Add(field);
            }
        }
        return mapping;
    }

    /// <summary>"E-mail:", "ИНН " → "e mail", "инн": lower case, punctuation as single spaces.</summary>
    private static string Key(string header)
    {
        var key = new StringBuilder();
        foreach (var ch in header.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch))
            {
                key.Append(ch == 'ё' ? 'е' : ch);
            }
            else if (key.Length > 0 && key[^1] != ' ')
            {
                key.Append(' ');
            }
        }
        return key.ToString().Trim();
    }
}
