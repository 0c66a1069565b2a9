using System.Globalization;
using System.Text;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Bench.ClientsSeeder;

/// <summary>
/// Deterministic (seeded) stream of plausible companies: about 70 % Russian (ООО/АО/ПАО/ЗАО/ИП,
/// valid 10- or 12-digit INN, +7 phones), 30 % foreign (LLC/Ltd/Inc., no INN, +44/+1 phones).
/// Names mix common words (many companies called «Вектор») with invented ones, so a 3–5 letter
/// prefix matches anything from a handful to tens of thousands of rows, as in a real client base.
/// </summary>
public sealed class CompanyGenerator(int seed, DateTimeOffset now, bool uniqueContacts = false)
{
    public const int Managers = 50;
    public const int Teams = 8;

    private static readonly string[] RussianWords =
    [
        "Ромашка", "Вектор", "Альфа", "Бета", "Гамма", "Дельта", "Омега", "Северный ветер", "Восток", "Запад",
        "Сибирь", "Урал", "Волга", "Нева", "Кристалл", "Гранит", "Меридиан", "Горизонт", "Прогресс", "Импульс",
        "Спектр", "Стандарт", "Профи", "Мастер", "Лидер", "Партнёр", "Союз", "Альянс", "Капитал", "Эталон",
        "Феникс", "Атлант", "Титан", "Орион", "Сириус", "Вега", "Гелиос", "Аврора", "Заря", "Рассвет",
        "Берёзка", "Калина", "Рябина", "Кедр", "Олимп", "Ника", "Байкал", "Алтай", "Амур", "Енисей",
        "Кама", "Ладога", "Полюс", "Магистраль", "Фортуна", "Триумф", "Гарант", "Статус", "Квант", "Темп",
        "Пульс", "Ресурс", "Форвард", "Стимул", "Монолит", "Фундамент", "Перспектива", "Развитие", "Надежда", "Успех",
    ];

    private static readonly string[] RussianSecondWords =
    [
        "Строй", "Сервис", "Торг", "Групп", "Плюс", "Инвест", "Трейд", "Консалт", "Логистик", "Технологии",
        "Снаб", "Маркет", "Системы", "Проект", "Комплект", "Авто", "Агро", "Мед", "Энерго", "Телеком",
        "Медиа", "Софт", "Пром", "Холдинг", "Девелопмент", "Ритейл", "Дистрибуция", "Производство", "Монтаж", "Экспорт",
    ];

    private static readonly string[] RussianStems =
    [
        "Техно", "Агро", "Промо", "Энерго", "Авто", "Мед", "Евро", "Рос", "Спец", "Сиб",
        "Урал", "Волго", "Мос", "Петро", "Нефте", "Газо", "Электро", "Тепло", "Вод", "Строй",
        "Хим", "Био", "Гео", "Инфо", "Теле", "Радио", "Металло", "Лес", "Стекло", "Пласт",
    ];

    private static readonly string[] RussianEndings =
    [
        "Связь", "Строй", "Снаб", "Торг", "Сервис", "Комплект", "Маш", "Трейд", "Пласт", "Ресурс",
        "Монтаж", "Прибор", "Система", "Лаб", "Альянс", "Центр", "Мир", "Дом", "Поставка", "Проект",
    ];

    private static readonly string[] RussianSyllables =
    [
        "ка", "ро", "ми", "та", "лен", "вер", "сол", "да", "ни", "кор", "ла", "ве", "тор", "са", "мар",
        "ли", "но", "ре", "зан", "тек", "ор", "им", "ан", "ви", "гра", "дор", "ель", "ос", "ур", "бел",
    ];

    private static readonly string[] Surnames =
    [
        "Иванов", "Петров", "Сидоров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
        "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов",
        "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев",
        "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев",
    ];

    private const string Initials = "АБВГДЕИКЛМНОПРСТЮЯ";

    private static readonly string[] EnglishWords =
    [
        "Northwind", "Contoso", "Acme", "Globex", "Fabrikam", "Blue Harbor", "Silver Oak", "Red River", "Summit", "Pinnacle",
        "Evergreen", "Bright Star", "Crescent", "Granite", "Maple", "Oakridge", "Riverside", "Sterling", "Vertex", "Zenith",
        "Atlas", "Beacon", "Cobalt", "Falcon", "Harbor Point", "Ironwood", "Juniper", "Keystone", "Lakeside", "Meridian",
        "Nova", "Orchid", "Pioneer", "Quantum", "Redwood", "Sapphire", "Trident", "Unity", "Westbrook", "Yellowstone",
    ];

    private static readonly string[] EnglishIndustries =
    [
        "Traders", "Logistics", "Systems", "Networks", "Foods", "Appliances", "Consulting", "Software", "Holdings", "Partners",
        "Supplies", "Engineering", "Media", "Solutions", "Retail", "Energy", "Analytics", "Labs", "Capital", "Industries",
    ];

    private static readonly string[] EnglishSyllables =
    [
        "zen", "tra", "lo", "vi", "cor", "nex", "ta", "ri", "mon", "ver", "al", "qui", "sol", "dex", "ar", "bel", "or", "ix", "lu", "ka",
    ];

    private static readonly string[] RussianMailboxes = ["info", "office", "sales", "zakaz", "mail", "buh", "director", "snab"];
    private static readonly string[] EnglishMailboxes = ["info", "office", "sales", "hello", "contact", "orders", "accounts"];

    /// <summary>Area codes whose numbers libphonenumber (and so the service) accepts as Russian fixed lines.</summary>
    private static readonly string[] RussianAreaCodes = ["495", "499", "812", "343", "383", "846", "861", "863", "473", "831", "843", "351"];

    /// <summary>Federal Tax Service region codes (first two INN digits) weighted towards the big cities.</summary>
    private static readonly string[] InnRegions = ["77", "77", "77", "78", "78", "50", "50", "66", "54", "63", "23", "61", "16", "52", "74", "36", "24", "02", "59", "86"];

    private readonly Random random = new(seed);
    private readonly long spanSeconds = (long)TimeSpan.FromDays(365.25 * 8).TotalSeconds;

    public int PhonesRejected { get; private set; }

    private long produced;

    public SeedCompany Next()
    {
        produced++;
        var russian = random.NextDouble() < 0.7;
        var created = now.AddSeconds(-random.NextInt64(spanSeconds));
        var updated = created.AddSeconds(random.NextInt64((long)(now - created).TotalSeconds + 1));
        DateTimeOffset? archived = random.NextDouble() < 0.02 ? updated : null;

        string name, slug;
        string? inn = null;
        if (russian)
        {
            (name, slug, var individual) = RussianName();
            if (random.NextDouble() < 0.95)
            {
                var region = Pick(InnRegions);
                inn = individual
                    ? Inn.Complete(region + Digits(8))
                    : Inn.Complete(region + Digits(7));
            }
        }
        else
        {
            (name, slug) = EnglishName();
        }

        string? email = null;
        if (random.NextDouble() < 0.85)
        {
            var mailbox = Pick(russian ? RussianMailboxes : EnglishMailboxes);
            var tld = russian ? (random.NextDouble() < 0.8 ? "ru" : "com") : Pick(["com", "co.uk", "net", "io"]);
            // Unique contacts (an import file of new clients): the row's number in the mailbox.
            var address = uniqueContacts ? $"{mailbox}.{produced}@{slug}.{tld}" : $"{mailbox}@{slug}.{tld}";
            if (ContactDetails.TryNormalizeEmail(address, out var normalized, out _))
            {
                email = normalized;
            }
        }

        string? phone = null;
        if (random.NextDouble() < 0.9)
        {
            // Typed the way people type them; the service's own normalisation turns them into E.164.
            var typed = uniqueContacts
                ? $"+7 999 {produced / 10000 % 1000:D3}-{produced / 100 % 100:D2}-{produced % 100:D2}"
                : russian
                ? random.NextDouble() < 0.5
                    ? $"+7 9{Digits(2)} {Digits(3)}-{Digits(2)}-{Digits(2)}"
                    : $"8 ({Pick(RussianAreaCodes)}) {random.Next(2, 10)}{Digits(2)}-{Digits(2)}-{Digits(2)}"
                : random.NextDouble() < 0.5
                    ? $"+44 20 7946 0{Digits(3)}"
                    : $"+1 {Pick(["212", "415", "206", "312", "617"])} {random.Next(2, 10)}{Digits(2)} {Digits(4)}";
            if (ContactDetails.TryNormalizePhone(typed, out var e164, out _))
            {
                phone = e164;
            }
            else
            {
                PhonesRejected++;
            }
        }

        // 50 managers in 8 teams; 3 % of records belong to nobody yet (imported, unassigned).
        string owner = string.Empty;
        string? team = null;
        if (random.NextDouble() >= 0.03)
        {
            var manager = random.Next(Managers);
            owner = $"manager-{manager + 1:D2}";
            team = $"team-{manager % Teams + 1}";
        }

        return new SeedCompany(Guid.CreateVersion7(created), name, inn, email, phone, created, updated, archived, owner, team);
    }

    private (string Name, string Slug, bool Individual) RussianName()
    {
        var form = random.NextDouble();
        if (form < 0.2)
        {
            var surname = Pick(Surnames);
            var name = $"ИП {surname} {Initials[random.Next(Initials.Length)]}. {Initials[random.Next(Initials.Length)]}.";
            return (name, Transliterate(surname) + random.Next(1, 1000).ToString(CultureInfo.InvariantCulture), true);
        }
        var core = random.NextDouble() switch
        {
            < 0.35 => Pick(RussianWords),
            < 0.60 => $"{Pick(RussianWords)} {Pick(RussianSecondWords)}",
            < 0.80 => Pick(RussianStems) + Pick(RussianEndings),
            _ => Capitalize(Invented(RussianSyllables)) + (random.NextDouble() < 0.5 ? " " + Pick(RussianSecondWords) : string.Empty),
        };
        var legalForm = form switch
        {
            < 0.85 => "ООО",
            < 0.93 => "АО",
            < 0.98 => "ЗАО",
            _ => "ПАО",
        };
        return ($"{legalForm} «{core}»", Transliterate(core), false);
    }

    private (string Name, string Slug) EnglishName()
    {
        var core = random.NextDouble() switch
        {
            < 0.5 => $"{Pick(EnglishWords)} {Pick(EnglishIndustries)}",
            < 0.7 => Pick(EnglishWords),
            _ => $"{Capitalize(Invented(EnglishSyllables))} {Pick(EnglishIndustries)}",
        };
        var legalForm = random.NextDouble() switch
        {
            < 0.45 => "LLC",
            < 0.85 => "Ltd",
            _ => "Inc.",
        };
        return ($"{core} {legalForm}", Transliterate(core));
    }

    private string Invented(string[] syllables)
    {
        var word = new StringBuilder();
        var count = random.Next(2, 5);
        for (var i = 0; i < count; i++)
        {
            word.Append(Pick(syllables));
        }
        return word.ToString();
    }

    private string Digits(int count)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }
        return new string(digits);
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private static string Capitalize(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static readonly Dictionary<char, string> Latin = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh",
        ['з'] = "z", ['и'] = "i", ['й'] = "y", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o",
        ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts",
        ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sch", ['ъ'] = "", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    /// <summary>A domain label from a name: "Северный ветер" → "severnyy-veter".</summary>
    private static string Transliterate(string text)
    {
        var slug = new StringBuilder();
        foreach (var ch in text.ToLowerInvariant())
        {
            if (Latin.TryGetValue(ch, out var latin))
            {
                slug.Append(latin);
            }
            else if (char.IsAsciiLetterOrDigit(ch))
            {
                slug.Append(ch);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        return slug.ToString().Trim('-');
    }
}
