using CrmSuite.Documents.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CrmSuite.Documents.Api.Organisations;

/// <summary>
/// Demo data (<c>migrate --seed-demo</c>, as ./run-suite starts it): one organisation of ours with
/// valid requisites, so the first invoice can be made at once. Only when there is none yet.
/// </summary>
public static class DemoOrganisation
{
    public static async Task<bool> SeedAsync(DocumentsDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await db.Organisations.AnyAsync(cancellationToken))
        {
            return false;
        }
        var now = clock.GetUtcNow();
        db.Organisations.Add(new Organisation
        {
            Id = Guid.CreateVersion7(now),
            Name = "ООО «Демо-Торг»",
            Inn = "7707083893",
            Kpp = "773601001",
            Ogrn = "1027700132195",
            Address = "117312, г. Москва, ул. Вавилова, д. 19",
            BankName = "ПАО Сбербанк",
            Bik = "044525225",
            CorrespondentAccount = "30101810400000000225",
            SettlementAccount = "40702810138250123017",
            DirectorName = "Иванов И. И.",
            AccountantName = "Петрова А. А.",
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
