using System.Security.Claims;
using CrmSuite.BuildingBlocks.Security;
using CrmSuite.Clients.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CrmSuite.Clients.Api.Imports;

/// <summary>Stores an uploaded file as an import: its header, the suggested mapping and every row (binary COPY).</summary>
public sealed class ImportUploads(ClientsDbContext db, TimeProvider clock)
{
    public const int MaxFileNameLength = 260;

    /// <summary>Reads the file (a 4xx ValidationFailedException when it cannot) and stores it, in one transaction.</summary>
    public async Task<ImportJob> CreateAsync(byte[] data, string fileName, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        fileName = Path.GetFileName(fileName.Trim());
        if (fileName.Length == 0)
        {
            fileName = "import.csv";
        }
        if (fileName.Length > MaxFileNameLength)
        {
            fileName = fileName[^MaxFileNameLength..];
        }
        var file = ImportFileReader.Read(data, fileName);
        var now = clock.GetUtcNow();
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(now),
            FileName = fileName,
            Format = file.Format,
            Encoding = file.Encoding,
            Delimiter = file.Delimiter?.ToString(),
            State = ImportState.Uploaded,
            Headers = file.Headers,
            Mapping = ImportFields.Suggest(file.Headers),
            TotalRows = file.Rows.Count,
            CreatedBy = user.UserId() ?? string.Empty,
            CreatedByName = user.FindFirst(CrmClaims.Name)?.Value ?? string.Empty,
            CreatedByRole = string.Join(",", user.FindAll(CrmClaims.Role).Select(c => c.Value)) is { Length: > 0 } roles ? roles : "integration",
            TeamId = user.FindFirst(CrmClaims.Team)?.Value,
            CreatedAt = now,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Imports.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY import_file_rows (import_id, row_number, cells, parse_error) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in file.Rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(job.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(row.RowNumber, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(row.Cells, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await ImportPlanner.WriteTextAsync(copy, row.Error, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return job;
    }
}
