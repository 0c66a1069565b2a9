using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CrmSuite.BuildingBlocks.Web;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>
/// The preview's row messages in the person's language. They are stored in English as the
/// preview works them out and put in the reader's language when the rows are read, so a person
/// who switches the UI language sees the same preview in the new one. Lines are the file's
/// lines as a spreadsheet program numbers them: the header is line 1, the first data row line 2.
/// </summary>
public static class ImportMessages
{
    public const string English = "en";
    public const string Russian = "ru";

    /// <summary>The file's line of a data row (1-based, the header is row 0 and line 1).</summary>
    public static int Line(int rowNumber) => rowNumber + 1;

    public static string SameInFile(string field, int rowNumber) => field switch
    {
        ImportFields.Inn => $"The same INN is on line {Line(rowNumber)} of this file.",
        ImportFields.Email => $"The same email address is on line {Line(rowNumber)} of this file.",
        _ => $"The same phone number is on line {Line(rowNumber)} of this file.",
    };

    public static string SameCompanyInFile(int rowNumber, string companyName) =>
        $"Line {Line(rowNumber)} of this file already matches the company «{companyName}».";

    /// <summary>
    /// The caller's language: the request's Accept-Language (the staff UI sends the language it
    /// shows), else the language of the person's profile (the token's locale claim), else English.
    /// </summary>
    public static string LanguageOf(HttpContext http)
    {
        var accepted = http.Request.Headers.AcceptLanguage.ToString();
        if (accepted.Length > 0)
        {
            var preferred = accepted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(part => StringWithQualityHeaderValue.TryParse(part, out var value) ? value : null)
                .OfType<StringWithQualityHeaderValue>()
                .OrderByDescending(value => value.Quality ?? 1)
                .Select(value => value.Value.Split('-')[0].ToLowerInvariant())
                .FirstOrDefault(CrmWeb.Languages.Contains);
            if (preferred is not null)
            {
                return preferred;
            }
        }
        return http.User.FindFirst("locale")?.Value is { } locale && CrmWeb.Languages.Contains(locale) ? locale : English;
    }

    /// <summary>The stored (English) message in <paramref name="language"/>; one without a translation stays as it is.</summary>
    public static string In(string language, string message)
    {
        if (language != Russian)
        {
            return message;
        }
        foreach (var (english, russian) in InRussian)
        {
            var match = english.Match(message);
            if (match.Success)
            {
                return match.Result(russian);
            }
        }
        return message;
    }

    private static readonly (Regex English, string Russian)[] InRussian =
    [
        (Pattern(@"The same INN is on line (\d+) of this file\."), "Тот же ИНН — в строке $1 этого файла."),
        (Pattern(@"The same email address is on line (\d+) of this file\."), "Тот же адрес почты — в строке $1 этого файла."),
        (Pattern(@"The same phone number is on line (\d+) of this file\."), "Тот же номер телефона — в строке $1 этого файла."),
        (Pattern(@"Line (\d+) of this file already matches the company «(.*)»\."), "Строка $1 этого файла уже совпадает с компанией «$2»."),
        (Pattern(@"Required\."), "Обязательное поле."),
        (Pattern(@"Must be at most (\d+) characters\."), "Не длиннее $1 символов."),
        (Pattern(@"Must not contain control characters\."), "Не должно содержать управляющих символов."),
        (Pattern(@"INN must be 10 digits \(organisation\) or 12 digits \(individual\)\."), "ИНН — 10 цифр (организация) или 12 цифр (ИП)."),
        (Pattern(@"INN cannot be all zeros\."), "ИНН не может состоять из одних нулей."),
        (Pattern(@"INN check digits do not match; check for a typo\."), "Контрольные цифры ИНН не сходятся; проверьте, нет ли опечатки."),
        (Pattern(@"Phone number is not valid; include the country code, e\.g\. (.*)\."), "Номер телефона неверен; укажите код страны, например $1."),
        (Pattern(@"Phone number could not be read; use digits, e\.g\. (.*)\."), "Номер телефона не читается; используйте цифры, например $1."),
        (Pattern(@"Email must be at most (\d+) characters\."), "Адрес почты — не длиннее $1 символов."),
        (Pattern(@"Email is not a valid address, e\.g\. (.*)\."), "Адрес почты неверен, пример: $1."),
        (Pattern(@"The row has (\d+) values but the header has (\d+) columns; check the quotes and the delimiter \((.*)\)\."),
            "В строке $1 значений, а в заголовке $2 столбцов; проверьте кавычки и разделитель ($3)."),
        (Pattern(@"A quote opened in column (\d+) is never closed\."), "Кавычка, открытая в столбце $1, не закрыта."),
        (Pattern(@"Text follows the closing quote in column (\d+); enclose the whole value in quotes and double the quotes inside it\."),
            "После закрывающей кавычки в столбце $1 идёт текст; заключите всё значение в кавычки, а кавычки внутри удвойте."),
        (Pattern(@"A quote in column (\d+) is inside a value that does not start with a quote; enclose the value in quotes and double the quotes inside it\."),
            "Кавычка в столбце $1 стоит внутри значения, которое не начинается с кавычки; заключите значение в кавычки, а кавычки внутри удвойте."),
    ];

    private static Regex Pattern(string english) =>
        new("^" + english + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
