using System.Text.Json.Nodes;
using CrmSuite.Clients.Api.CustomFields;

namespace CrmSuite.Clients.UnitTests;

public sealed class CustomFieldValuesTests
{
    private static CustomFieldDefinition Field(CustomFieldKind kind, params string[] options) =>
        new() { Id = Guid.Parse("0197a000-0000-7000-8000-000000000001"), Kind = kind, Options = [.. options] };

    [Theory]
    [InlineData(CustomFieldKind.Number, "12 500,5", "12500.5")]
    [InlineData(CustomFieldKind.Money, "-10.50", "-10.50")]
    [InlineData(CustomFieldKind.Date, "2026-02-28", "2026-02-28")]
    [InlineData(CustomFieldKind.YesNo, "False", "false")]
    [InlineData(CustomFieldKind.Choice, "Gold", "Gold")]
    [InlineData(CustomFieldKind.Text, "  padded  ", "padded")]
    public void A_value_typed_by_a_person_is_stored_typed_and_shown_back(CustomFieldKind kind, string typed, string shown)
    {
        var node = CustomFieldValues.Parse(Field(kind, "Gold"), typed, out var error);

        Assert.Null(error);
        Assert.Equal(shown, CustomFieldValues.Format((JsonValue)node!));
    }

    [Theory]
    [InlineData(CustomFieldKind.Number, "1e5")]
    [InlineData(CustomFieldKind.Money, "1.001")]
    [InlineData(CustomFieldKind.Date, "2026-02-30")]
    [InlineData(CustomFieldKind.YesNo, "yes")]
    [InlineData(CustomFieldKind.Choice, "gold")]
    [InlineData(CustomFieldKind.Contact, "someone")]
    public void A_value_that_does_not_fit_the_type_is_refused_with_a_message(CustomFieldKind kind, string typed)
    {
        Assert.Null(CustomFieldValues.Parse(Field(kind, "Gold"), typed, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void A_filter_is_a_containment_document_of_the_typed_value()
    {
        var field = Field(CustomFieldKind.Number);
        var value = CustomFieldValues.Parse(field, "10.5", out _)!;

        Assert.Equal("{\"0197a000-0000-7000-8000-000000000001\":10.5}", CustomFieldValues.FilterDocument(field, value));
    }
}
