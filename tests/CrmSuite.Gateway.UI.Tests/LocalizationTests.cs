using System.Reflection;
using System.Text.RegularExpressions;
using Bunit;
using CrmSuite.Clients.Contracts;
using CrmSuite.Gateway.UI.Clients;
using CrmSuite.Gateway.UI.Layout;
using CrmSuite.Gateway.UI.Localization;
using CrmSuite.Gateway.UI.Security;
using CrmSuite.Gateway.UI.Tests.Fakes;

namespace CrmSuite.Gateway.UI.Tests;

public sealed partial class LocalizationTests : UiTest
{
    [Fact]
    public void The_navigation_speaks_Russian_or_English_with_the_culture()
    {
        SignInWith(Permissions.ClientsRead, Permissions.UsersManage);

        UseCulture("ru");
        var russian = Render<NavMenu>();
        Assert.Equal("Клиенты", russian.Find("[data-testid=nav-clients] > span").TextContent);
        Assert.Equal("Администрирование", russian.Find("[data-testid=nav-admin]").TextContent.Trim());

        UseCulture("en");
        var english = Render<NavMenu>();
        Assert.Equal("Clients", english.Find("[data-testid=nav-clients] > span").TextContent);
        Assert.Equal("Administration", english.Find("[data-testid=nav-admin]").TextContent.Trim());
    }

    [Fact]
    public void A_regional_Russian_culture_is_Russian_too()
    {
        SignInWith(Permissions.ClientsRead);
        UseCulture("ru-RU");

        var page = Render<ClientsList>();

        page.WaitForAssertion(() => Assert.Contains("Клиентов пока нет", page.Find("[data-testid=clients-empty]").TextContent));
        Assert.Equal("Поиск по названию, ИНН, email или телефону",
            page.Find("[data-testid=clients-search]").GetAttribute("placeholder"));
    }

    [Fact]
    public void Server_errors_are_explained_in_the_users_language()
    {
        SignInWith(Permissions.ClientsRead);
        UseCulture("ru");
        CompaniesApi.OnGet = _ => Calls.Fail<Company>(Calls.Error(Grpc.Core.StatusCode.NotFound));

        var card = Render<CompanyCard>(p => p.Add(c => c.Id, "missing"));

        card.WaitForAssertion(() =>
            Assert.Contains("Запись не найдена или у вас нет к ней доступа.", card.Find("[data-testid=not-found]").TextContent));
    }

    [Fact]
    public void Every_text_exists_in_both_languages_with_the_same_placeholders()
    {
        var texts = AllTexts().ToList();

        Assert.NotEmpty(texts);
        Assert.All(texts, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Text.Ru), $"{entry.Name} has no Russian text");
            Assert.False(string.IsNullOrWhiteSpace(entry.Text.En), $"{entry.Name} has no English text");
            Assert.Equal(Placeholders(entry.Text.En), Placeholders(entry.Text.Ru));
        });
    }

    private static IEnumerable<(string Name, Text Text)> AllTexts() =>
        typeof(Texts).GetNestedTypes()
            .SelectMany(group => group.GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(field => field.FieldType == typeof(Text))
                .Select(field => ($"{group.Name}.{field.Name}", (Text)field.GetValue(null)!)));

    private static List<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Value).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
