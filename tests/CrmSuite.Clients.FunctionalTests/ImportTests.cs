using System.Net;
using System.Text;
using System.Text.Json;
using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;
using CrmSuite.Clients.Api.Exports;
using Microsoft.Extensions.DependencyInjection;
using CrmSuite.Clients.Contracts;
using CrmSuite.Testing;
using Grpc.Core;
using CrmSuite.Clients.Contracts.Events;

namespace CrmSuite.Clients.FunctionalTests;

/// <summary>
/// Import of companies from CSV (UTF-8, Windows-1251) and XLSX: what the preview says each row
/// will do, what a run changes, and that undo gives back exactly the state before.
/// </summary>
public sealed class ImportTests(ClientsApi api) : IClassFixture<ClientsApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ImportDriver _director = new(api, TestUser.Director);

    [Fact]
    public async Task A_replica_that_starts_hands_back_a_preview_only_when_no_replica_is_working_on_it()
    {
        var job = await _director.UploadAsync(ImportDriver.Utf8("Наименование;ИНН\nLease Holder Co;\n"), "lease.csv");
        // How a preview in progress looks to every other replica: previewing, its lease held by the
        // replica working on it (here this fixture's host).
        var working = api.Services.GetRequiredService<CrmSuite.Clients.Api.Imports.ImportPreviewer>();
        await using var lease = await working.TryLeaseAsync(Guid.Parse(job.Id), Ct);
        Assert.NotNull(lease);
        await SetPreviewingAsync(job.Id);
        await using var replica = api.StartReplica();
        var starting = replica.Services.GetRequiredService<CrmSuite.Clients.Api.Imports.ImportPreviewer>();

        Assert.Equal(0, await starting.HandBackOrphansAsync(Ct));
        Assert.Null(await starting.TryLeaseAsync(Guid.Parse(job.Id), Ct));
        var untouched = await _director.Grpc.GetImportAsync(new GetImportRequest { Id = job.Id }, cancellationToken: Ct);
        Assert.Equal(ImportStatus.Previewing, untouched.Status);
        Assert.Equal("", untouched.Failure);

        // The working replica dies: its lease goes with its connection, and the preview is handed back.
        await lease.DisposeAsync();
        await starting.HandBackOrphansAsync(Ct);
        var handedBack = await _director.Grpc.GetImportAsync(new GetImportRequest { Id = job.Id }, cancellationToken: Ct);
        Assert.Equal(ImportStatus.Uploaded, handedBack.Status);
        Assert.Contains("interrupted", handedBack.Failure, StringComparison.Ordinal);

        // And it can be previewed again, on either replica.
        var again = await _director.MapAsync(handedBack, handedBack.Mapping);
        Assert.Equal(ImportStatus.Previewed, again.Status);
        Assert.Equal("", again.Failure);
    }

    private async Task SetPreviewingAsync(string importId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new Npgsql.NpgsqlCommand("UPDATE imports SET state = $1 WHERE id = $2", connection);
        command.Parameters.AddWithValue((int)CrmSuite.Clients.Api.Imports.ImportState.Previewing);
        command.Parameters.AddWithValue(Guid.Parse(importId));
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    [Fact]
    public async Task A_client_twice_in_one_file_by_email_in_any_case_or_phone_in_any_format_is_found_and_named_by_its_line()
    {
        var csv = """
            Наименование;ИНН;E-mail;Телефон
            Twice In File Co;;twice@in-file.ru;+7 495 700-10-20
            Twice In File Co (copy);;TWICE@In-File.RU;
            Twice In File Phone;;;8 (495) 700-10-20
            Twice In File Other;;other@in-file.ru;+7 495 700-10-21
            """;
        var (job, rows) = await _director.PreviewAsync(ImportDriver.Utf8(csv), "twice.csv");

        Assert.Equal([ImportRowAction.Create, ImportRowAction.Error, ImportRowAction.Error, ImportRowAction.Create], rows.Select(r => r.Action));
        Assert.Equal(("email", "The same email address is on line 2 of this file."), (rows[1].Errors.Single().Field, rows[1].Errors.Single().Message));
        Assert.Equal(("phone", "The same phone number is on line 2 of this file."), (rows[2].Errors.Single().Field, rows[2].Errors.Single().Message));

        // The same preview read by a person whose UI is in Russian.
        var russian = await _director.Grpc.ListImportRowsAsync(new ListImportRowsRequest { Id = job.Id, PageSize = 10 },
            new Metadata { { "accept-language", "ru-RU,ru;q=0.9,en;q=0.8" } }, cancellationToken: Ct);
        Assert.Equal("Тот же адрес почты — в строке 2 этого файла.", russian.Rows[1].Errors.Single().Message);
        Assert.Equal("Тот же номер телефона — в строке 2 этого файла.", russian.Rows[2].Errors.Single().Message);

        // Running it creates the client once.
        await _director.RunAsync(job.Id);
        Assert.Equal(1, await ImportDriver.ScalarAsync(api.ConnectionString, "SELECT count(*) FROM companies WHERE email = 'twice@in-file.ru' OR phone = '+74957001020'"));
    }

    [Fact]
    public async Task Preview_messages_follow_the_UI_language()
    {
        var csv = """
            Наименование;ИНН;E-mail;Телефон
            Language Co;1234567890;not-an-email;
            ;;;
            Language Co Two;;;+7 495 700-20-30
            """;
        var (job, english) = await _director.PreviewAsync(ImportDriver.Utf8(csv), "language.csv");
        Assert.Contains(english[0].Errors, e => e.Field == "inn" && e.Message == "INN check digits do not match; check for a typo.");

        var russian = await _director.Grpc.ListImportRowsAsync(new ListImportRowsRequest { Id = job.Id, PageSize = 10 },
            new Metadata { { "accept-language", "ru" } }, cancellationToken: Ct);
        var messages = russian.Rows[0].Errors.ToDictionary(e => e.Field, e => e.Message);
        Assert.Equal("Контрольные цифры ИНН не сходятся; проверьте, нет ли опечатки.", messages["inn"]);
        Assert.Equal("Адрес почты неверен, пример: name@example.com.", messages["email"]);
    }

    [Fact]
    public async Task The_preview_says_per_row_create_update_merge_or_error_with_the_reason()
    {
        var byInn = await api.CreateCompanyAsync("Preview Inn Holder", inn: "7710140679");
        var byEmail = await api.CreateCompanyAsync("Preview Email Holder", email: "hello@preview-mail.ru");
        var byName = await api.CreateCompanyAsync("ООО «Превью Уникальное Имя»");
        var csv = """
            Наименование;ИНН;E-mail;Телефон
            Preview Inn Holder renamed;7710140679;;
            Someone;;HELLO@preview-mail.ru;
            ИП Превью Уникальное Имя;;;
            Brand New Preview Co;;new@preview.ru;+7 495 111-22-33
            Bad Inn Co;1234567890;;
            Same Inn Twice;7710140679;;
            ;;no-name@preview.ru;
            """;
        var (job, rows) = await _director.PreviewAsync(ImportDriver.Utf8(csv), "preview.csv");

        Assert.Equal("utf-8", job.Encoding);
        Assert.Equal(";", job.Delimiter);
        Assert.Equal(["name", "inn", "email", "phone"], job.Mapping.Select(m => m.Field));
        Assert.Equal(7, rows.Count);
        Assert.Equal(ImportRowAction.Update, rows[0].Action);
        Assert.Equal(byInn.Id, rows[0].MatchCompanyId);
        Assert.Equal([DuplicateReason.Inn], rows[0].Reasons);
        Assert.Equal(ImportRowAction.Merge, rows[1].Action);
        Assert.Equal(byEmail.Id, rows[1].MatchCompanyId);
        Assert.Equal([DuplicateReason.Email], rows[1].Reasons);
        Assert.Equal("hello@preview-mail.ru", rows[1].Email);
        Assert.Equal(ImportRowAction.Create, rows[2].Action);
        Assert.Equal(byName.Id, rows[2].MatchCompanyId);
        Assert.Equal([DuplicateReason.Name], rows[2].Reasons);
        Assert.Equal(ImportRowAction.Create, rows[3].Action);
        Assert.Empty(rows[3].Reasons);
        Assert.Equal("+74951112233", rows[3].Phone);
        Assert.Equal(ImportRowAction.Error, rows[4].Action);
        Assert.Contains(rows[4].Errors, e => e.Field == "inn" && e.Message.Contains("check digits", StringComparison.Ordinal));
        Assert.Equal(ImportRowAction.Error, rows[5].Action);
        Assert.Contains(rows[5].Errors, e => e.Field == "inn" && e.Message == "The same INN is on line 2 of this file.");
        Assert.Equal(ImportRowAction.Error, rows[6].Action);
        Assert.Contains(rows[6].Errors, e => e.Field == "name" && e.Message == "Required.");
    }

    [Fact]
    public async Task A_windows_1251_file_with_commas_is_read_as_cyrillic()
    {
        var text = "Название,ИНН,Почта\r\n\"Торговый дом «Ёлка», АО\",7707049388,elka@example.ru\r\n";
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // the test encodes the file itself
        var bytes = Encoding.GetEncoding(1251).GetBytes(text);
        var (job, rows) = await _director.PreviewAsync(bytes, "elka.csv");
        Assert.Equal("windows-1251", job.Encoding);
        Assert.Equal(",", job.Delimiter);
        var row = Assert.Single(rows);
        Assert.Equal("Торговый дом «Ёлка», АО", row.Name);
        Assert.Equal(ImportRowAction.Create, row.Action);

        var done = await _director.RunAsync(job.Id);
        Assert.Equal(ImportStatus.Completed, done.Status);
        var found = await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "7707049388" }, cancellationToken: Ct);
        Assert.Equal("Торговый дом «Ёлка», АО", Assert.Single(found.Companies).Name);
    }

    [Fact]
    public async Task An_xlsx_workbook_is_imported()
    {
        var source = new[]
        {
            new Clients.Api.Companies.Company { Name = "Xlsx First", Inn = "7704217370", Email = "first@xlsx.ru", Phone = "+74997001122", CreatedAt = DateTimeOffset.UtcNow },
            new Clients.Api.Companies.Company { Name = "Xlsx Second", CreatedAt = DateTimeOffset.UtcNow },
        };
        var (job, rows) = await _director.PreviewAsync(CompanyExportFile.Xlsx(source), "companies.xlsx");
        Assert.Equal("xlsx", job.Format);
        Assert.Equal(["Xlsx First", "Xlsx Second"], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal(ImportRowAction.Create, r.Action));

        var done = await _director.RunAsync(job.Id);
        Assert.Equal(2, done.Created);
        var first = Assert.Single((await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "7704217370" }, cancellationToken: Ct)).Companies);
        Assert.Equal(("Xlsx First", "first@xlsx.ru", "+74997001122"), (first.Name, first.Email, first.Phone));
    }

    [Fact]
    public async Task A_row_with_broken_quotes_is_an_error_naming_the_column_and_the_other_rows_are_fine()
    {
        var csv = "name;inn\nGood Quotes One;\nBad \"Quote\" Inc;\n\"Closed\"trailing;\nGood Quotes Two;\n";
        var (_, rows) = await _director.PreviewAsync(ImportDriver.Utf8(csv), "quotes.csv");
        Assert.Equal(4, rows.Count);
        Assert.Equal(["Good Quotes One", "Good Quotes Two"], rows.Where(r => r.Action == ImportRowAction.Create).Select(r => r.Name));
        var stray = rows[1].Errors.Single();
        Assert.Equal(ImportRowAction.Error, rows[1].Action);
        Assert.Contains("quote in column 1", stray.Message, StringComparison.Ordinal);
        Assert.Contains("closing quote in column 1", rows[2].Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_in_no_supported_encoding_is_refused_with_a_clear_message()
    {
        var utf16 = Encoding.Unicode.GetBytes("name;inn\nUtf16 Co;\n");
        foreach (var bytes in new[] { utf16, utf16[2..], new byte[] { 0x4E, 0x61, 0x6D, 0x65, 0x0A, 0x00, 0x01, 0x98, 0xFF } })
        {
            var before = await ImportDriver.ScalarAsync(api.ConnectionString, "SELECT count(*) FROM imports");
            using var response = await _director.PostFileAsync(bytes, "strange.csv");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            var problem = await api.ReadJsonAsync(response);
            Assert.Matches("UTF-16|neither UTF-8 nor Windows-1251", problem.GetProperty("errors").GetProperty("file")[0].GetString());
            Assert.Equal(before, await ImportDriver.ScalarAsync(api.ConnectionString, "SELECT count(*) FROM imports"));
        }
    }

    [Fact]
    public async Task A_file_over_50_MB_is_refused_with_413()
    {
        var big = new byte[50 * 1024 * 1024 + 1];
        Array.Fill(big, (byte)'a');
        using var response = await _director.PostFileAsync(big, "huge.csv");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await api.ReadJsonAsync(response);
        Assert.Contains("50 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The gRPC upload (the staff UI's) refuses the same size; the server may stop reading before the last chunk.
        using var call = _director.Grpc.UploadImport(cancellationToken: Ct);
        try
        {
            for (var i = 0; i <= 50; i++)
            {
                await call.RequestStream.WriteAsync(new ImportChunk { FileName = "huge.csv", Data = ImportDriver.Bytes(new byte[1024 * 1024 + 1]) }, Ct);
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
        }
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Contains("50 MB", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Fact]
    public async Task Running_imports_exactly_the_planned_rows_and_undo_restores_the_previous_state_exactly()
    {
        var (updatedInn, mergedInn) = (Inn.Complete("770201719"), Inn.Complete("772756377"));
        var updated = await api.CreateCompanyAsync("Undo Inn Holder", inn: updatedInn, email: "keep@undo.ru");
        var merged = await api.CreateCompanyAsync("Undo Phone Holder", phone: "+7 495 222-33-44");
        await api.Grpc.CreateContactAsync(new CreateContactRequest { CompanyId = merged.Id, FullName = "Undo Contact" }, cancellationToken: Ct);
        var before = await ImportDriver.SnapshotAsync(api.ConnectionString);
        var csv = $"""
            Company;INN;Email;Phone
            Undo Inn Holder New Name;{updatedInn};new@undo.ru;
            Undo Merge Source;{mergedInn};merged@undo.ru;8 495 222 33 44
            Undo Created One;;created1@undo.ru;
            Undo Created Two;;;
            Undo Skipped;;;
            """;
        var (job, rows) = await _director.PreviewAsync(ImportDriver.Utf8(csv), "undo.csv");
        Assert.Equal([ImportRowAction.Update, ImportRowAction.Merge, ImportRowAction.Create, ImportRowAction.Create, ImportRowAction.Create], rows.Select(r => r.Action));
        var skip = await _director.Grpc.ChooseImportRowActionAsync(new ChooseImportRowActionRequest { Id = job.Id, RowNumber = 5, Action = ImportRowAction.Skip }, cancellationToken: Ct);
        Assert.Equal(ImportRowAction.Skip, skip.Action);

        var done = await _director.RunAsync(job.Id);
        Assert.Equal(ImportStatus.Completed, done.Status);
        Assert.Equal((2, 1, 1, 1, 0), (done.Created, done.Updated, done.Merged, done.Skipped, done.Errors));
        Assert.Equal(5, done.RowsDone);
        var nowUpdated = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = updated.Id }, cancellationToken: Ct);
        Assert.Equal(("Undo Inn Holder New Name", "new@undo.ru"), (nowUpdated.Name, nowUpdated.Email));
        var nowMerged = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = merged.Id }, cancellationToken: Ct);
        Assert.Equal(("Undo Phone Holder", mergedInn, "merged@undo.ru", 1), (nowMerged.Name, nowMerged.Inn, nowMerged.Email, nowMerged.ContactCount));
        Assert.Equal(2, await ImportDriver.ScalarAsync(api.ConnectionString, $"SELECT count(*) FROM companies WHERE import_id = '{job.Id}' AND created_at = updated_at AND name LIKE 'Undo Created%'"));
        Assert.Equal(0, await ImportDriver.ScalarAsync(api.ConnectionString, "SELECT count(*) FROM companies WHERE name = 'Undo Skipped'"));
        Assert.Equal(1, await ImportDriver.ScalarAsync(api.ConnectionString,
            $"SELECT count(*) FROM outbox_messages WHERE topic = 'clients.companies-imported' AND payload->>'importId' = '{job.Id}'"));
        // Each created company announces itself (processes start from it), in the same contract as one created on the card.
        var announced = (await OutboxEvents.ReadAsync(api.ConnectionString, CompanyCreated.Topic, "payload->>'importId' = $2", job.Id))
            .Select(e => e.Deserialize<CompanyCreated>(ClientsApi.Json)!).OrderBy(e => e.Name).ToList();
        Assert.Equal(["Undo Created One", "Undo Created Two"], announced.Select(e => e.Name));
        Assert.All(announced, e => Assert.Equal((TestUser.Director.Id, CompanyCreated.Import, Guid.Parse(job.Id)), (e.OwnerUserId, e.Origin, e.ImportId)));
        Assert.Equal(2, await ImportDriver.ScalarAsync(api.ConnectionString,
            $"SELECT count(*) FROM companies c JOIN outbox_messages o ON o.payload->>'companyId' = c.id::text AND o.payload->>'importId' = '{job.Id}' WHERE c.name LIKE 'Undo Created%'"));
        Assert.Equal(1, await ImportDriver.ScalarAsync(api.ConnectionString,
            $"SELECT count(*) FROM outbox_messages WHERE topic = 'audit' AND payload->>'entityId' = '{job.Id}' AND payload->>'action' = 'clients.import.completed'"));

        var undone = await _director.Grpc.UndoImportAsync(new UndoImportRequest { Id = job.Id }, cancellationToken: Ct);
        Assert.Equal(ImportStatus.Undone, undone.Status);
        Assert.Equal(before, await ImportDriver.SnapshotAsync(api.ConnectionString));
        Assert.Equal(1, await ImportDriver.ScalarAsync(api.ConnectionString,
            $"SELECT count(*) FROM outbox_messages WHERE topic = 'audit' AND payload->>'entityId' = '{job.Id}' AND payload->>'action' = 'clients.import.undone'"));
        Assert.Equal(1, await ImportDriver.ScalarAsync(api.ConnectionString,
            $"SELECT count(*) FROM outbox_messages WHERE topic = 'clients.company-import-undone' AND payload->>'importId' = '{job.Id}'"));

        var again = await Assert.ThrowsAsync<RpcException>(() => _director.Grpc.UndoImportAsync(new UndoImportRequest { Id = job.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task A_merge_that_fills_nothing_leaves_the_company_as_it_was_and_undo_still_works()
    {
        var created = await api.CreateCompanyAsync("Nothing To Fill Ltd", inn: Inn.Complete("772843155"), email: "full@nothing-to-fill.ru", phone: "+7 495 333-44-55");
        var holder = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = created.Id }, cancellationToken: Ct);
        var csv = """
            Company;Email
            Nothing To Fill (file copy);FULL@nothing-to-fill.ru
            """;
        var (job, rows) = await _director.PreviewAsync(ImportDriver.Utf8(csv), "nothing.csv");
        Assert.Equal((ImportRowAction.Merge, holder.Id), (Assert.Single(rows).Action, rows[0].MatchCompanyId));

        var done = await _director.RunAsync(job.Id);
        Assert.Equal((ImportStatus.Completed, 1), (done.Status, done.Merged));
        var after = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = holder.Id }, cancellationToken: Ct);
        // Not rewritten: same version (xmin), same last change, not marked as imported.
        Assert.Equal((holder.Version, holder.UpdatedAt), (after.Version, after.UpdatedAt));
        Assert.Equal(0, await ImportDriver.ScalarAsync(api.ConnectionString, $"SELECT count(*) FROM companies WHERE import_id = '{job.Id}'"));

        var undone = await _director.Grpc.UndoImportAsync(new UndoImportRequest { Id = job.Id }, cancellationToken: Ct);
        Assert.Equal(ImportStatus.Undone, undone.Status);
        var restored = await api.Grpc.GetCompanyAsync(new GetCompanyRequest { Id = holder.Id }, cancellationToken: Ct);
        Assert.Equal((holder.Version, holder.Name, holder.Email), (restored.Version, restored.Name, restored.Email));
    }

    [Fact]
    public async Task Undo_is_refused_and_changes_nothing_when_an_imported_company_was_edited_since()
    {
        var (job, _) = await _director.PreviewAsync(ImportDriver.Utf8("name\nEdited After Import\nUntouched After Import\n"), "edited.csv");
        await _director.RunAsync(job.Id);
        var company = Assert.Single((await api.Grpc.SearchCompaniesAsync(new SearchCompaniesRequest { Query = "Edited After" }, cancellationToken: Ct)).Companies);
        await api.Grpc.UpdateCompanyAsync(new UpdateCompanyRequest { Id = company.Id, Name = "Edited After Import by hand" }, cancellationToken: Ct);
        var snapshot = await ImportDriver.SnapshotAsync(api.ConnectionString);

        var refused = await Assert.ThrowsAsync<RpcException>(() => _director.Grpc.UndoImportAsync(new UndoImportRequest { Id = job.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("changed after the import", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(snapshot, await ImportDriver.SnapshotAsync(api.ConnectionString));
    }

    [Fact]
    public async Task A_mapping_without_the_name_is_refused()
    {
        var job = await _director.UploadAsync(ImportDriver.Utf8("Something;ИНН\nx;\n"), "noname.csv");
        Assert.Equal(["", "inn"], job.Mapping.Select(m => m.Field));
        var refused = await Assert.ThrowsAsync<RpcException>(() => _director.MapAsync(job, job.Mapping));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var started = await Assert.ThrowsAsync<RpcException>(() => _director.Grpc.StartImportAsync(new StartImportRequest { Id = job.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, started.StatusCode);
    }

    [Fact]
    public async Task Another_manager_does_not_see_my_import()
    {
        var job = await _director.UploadAsync(ImportDriver.Utf8("name\nPrivate Import Co\n"), "private.csv");
        var oleg = new ImportDriver(api, TestUser.ManagerOleg);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => oleg.Grpc.GetImportAsync(new GetImportRequest { Id = job.Id }, cancellationToken: Ct).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain((await oleg.Grpc.ListImportsAsync(new ListImportsRequest(), cancellationToken: Ct)).Imports, i => i.Id == job.Id);
        Assert.Contains((await _director.Grpc.ListImportsAsync(new ListImportsRequest(), cancellationToken: Ct)).Imports, i => i.Id == job.Id);
    }
}
