using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Clients.Api.Demo;

/// <summary>A small client base (Russian and English names) so a new user has something to explore.</summary>
public static class DemoData
{
    private static readonly (string Name, string Email, string Phone, string[] Contacts)[] Companies =
    [
        ("ООО «Ромашка»", "info@romashka.example", "+7 495 123-45-67", ["Иванов Иван Петрович", "Смирнова Анна Сергеевна"]),
        ("АО «Северный ветер»", "office@sever-veter.example", "+7 812 555-01-02", ["Кузнецов Дмитрий"]),
        ("ИП Петров А. В.", "petrov@ip-petrov.example", "+7 903 111-22-33", ["Петров Алексей Викторович"]),
        ("ООО «ТехноСвязь»", "sales@tehnosvyaz.example", "+7 343 200-10-20", ["Орлова Мария", "Волков Сергей"]),
        ("ЗАО «Быттехника»", "zakaz@byttehnika.example", "+7 383 300-40-50", ["Фёдоров Николай"]),
        ("ООО «Интернет-Провайдер Сеть+»", "support@set-plus.example", "+7 846 270-00-00", ["Лебедева Ольга"]),
        ("Acme Appliances Ltd", "hello@acme-appliances.example", "+44 20 7946 0958", ["John Smith", "Emily Clark"]),
        ("Northwind Traders", "orders@northwind.example", "+1 206 555 0100", ["Nancy Davolio"]),
        ("Blue Harbor Agency", "team@blueharbor.example", "+1 415 555 0132", ["Michael Brown", "Sarah Lee"]),
        ("Contoso Networks", "noc@contoso.example", "+1 425 555 0175", ["Alex Johnson"]),
        ("ООО «Альфа Мебель»", "alfa@alfa-mebel.example", "+7 861 210-30-40", ["Григорьев Павел"]),
        ("ООО «Бета Строй»", "beta@beta-stroy.example", "+7 473 220-11-22", []),
        ("Globex Retail", "contact@globex.example", "+49 30 901820", ["Hans Müller"]),
        ("ООО «Вектор»", "vector@vector.example", "+7 4012 55-66-77", ["Соколова Екатерина"]),
        ("Fabrikam Services", "info@fabrikam.example", "+1 312 555 0190", []),
    ];

    public static async Task<int> SeedAsync(ClientsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Demo data goes only into an empty client base: never mixed into a company's real data.
        if (await db.Companies.AnyAsync(cancellationToken))
        {
            return 0;
        }
        var now = clock.GetUtcNow();
        for (var i = 0; i < Companies.Length; i++)
        {
            var (name, email, phone, contacts) = Companies[i];
            ContactDetails.TryNormalizePhone(phone, out var e164, out _);
            var created = now.AddMinutes(-Companies.Length + i);
            var company = new Company
            {
                Id = Guid.CreateVersion7(created),
                Name = name,
                Inn = name.Contains("ИП ", StringComparison.Ordinal)
                    ? Inn.Complete($"77{i:D2}123456")
                    : Inn.Complete($"77{i:D2}12345"),
                Email = email,
                Phone = e164,
                CreatedAt = created,
                UpdatedAt = created,
            };
            company.Contacts.AddRange(contacts.Select(full => new Contact
            {
                Id = Guid.CreateVersion7(created),
                FullName = full,
                CreatedAt = created,
                UpdatedAt = created,
            }));
            db.Companies.Add(company);
        }
        await db.SaveChangesAsync(cancellationToken);
        return Companies.Length;
    }
}
