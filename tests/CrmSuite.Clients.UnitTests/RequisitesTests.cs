using CrmSuite.BuildingBlocks.Russian;
using CrmSuite.Clients.Api.Companies;

namespace CrmSuite.Clients.UnitTests;

public sealed class RequisitesTests
{
    [Theory]
    [InlineData("773601001")] // Sberbank
    [InlineData("770401001")]
    [InlineData("7736AB001")] // reason code with capital Latin letters, as the FNS allows
    public void Real_and_lettered_KPP_are_accepted(string kpp) => Assert.Null(Requisites.ValidateKpp(kpp));

    [Theory]
    [InlineData("77360100", "9 characters")]
    [InlineData("7736010011", "9 characters")]
    [InlineData("7736ab001", "capital Latin")]
    [InlineData("773601A01", "capital Latin")]
    [InlineData("A73601001", "capital Latin")]
    public void Malformed_KPP_is_refused_with_a_reason(string kpp, string reason) =>
        Assert.Contains(reason, Requisites.ValidateKpp(kpp));

    [Theory]
    [InlineData("1027700132195")] // Sberbank
    [InlineData("1027700229193")] // Yandex
    [InlineData("1027700070518")] // Gazprom
    [InlineData("304500116000157")] // an individual entrepreneur's OGRNIP
    public void Real_OGRN_and_OGRNIP_are_accepted(string ogrn) => Assert.Null(Requisites.ValidateOgrn(ogrn));

    [Theory]
    [InlineData("1027700132196", "check digit")]
    [InlineData("1027700229194", "check digit")]
    [InlineData("304500116000158", "check digit")]
    [InlineData("10277001321", "13 digits")]
    [InlineData("10277001321950", "13 digits")]
    [InlineData("102770013219X", "13 digits")]
    public void Typos_in_OGRN_are_refused_with_a_reason(string ogrn, string reason) =>
        Assert.Contains(reason, Requisites.ValidateOgrn(ogrn));

    [Theory]
    [InlineData("044525225", "30101810400000000225")] // Sberbank
    [InlineData("044525187", "30101810700000000187")] // VTB
    [InlineData("044525593", "30101810200000000593")] // Alfa-Bank
    [InlineData("044525974", "30101810145250000974")] // T-Bank
    public void Real_banks_correspondent_accounts_match_their_BIK(string bik, string account)
    {
        Assert.Null(Requisites.ValidateBik(bik));
        Assert.Null(Requisites.ValidateCorrespondentAccount(account, bik));
    }

    [Theory]
    [InlineData("044525225", "30101810400000000226", "does not match")]
    [InlineData("044525187", "30101810400000000225", "does not match")] // Sberbank's account under VTB's BIK
    [InlineData("044525225", "40101810400000000225", "starts with 301")]
    [InlineData("044525225", "3010181040000000022", "20 digits")]
    public void A_wrong_correspondent_account_is_refused(string bik, string account, string reason) =>
        Assert.Contains(reason, Requisites.ValidateCorrespondentAccount(account, bik));

    [Fact]
    public void A_settlement_account_is_checked_against_the_BIK_s_last_three_digits()
    {
        Assert.Null(Requisites.ValidateSettlementAccount("40702810138250123017", "044525225"));
        Assert.Contains("does not match", Requisites.ValidateSettlementAccount("40702810138250123018", "044525225"));
        // The same account at another bank does not add up.
        Assert.Contains("does not match", Requisites.ValidateSettlementAccount("40702810138250123017", "044525187"));
        Assert.Contains("20 digits", Requisites.ValidateSettlementAccount("407028101382501230", "044525225"));
    }

    [Theory]
    [InlineData("04452522")]
    [InlineData("0445252250")]
    [InlineData("04452522A")]
    public void A_BIK_is_nine_digits(string bik) => Assert.Contains("9 digits", Requisites.ValidateBik(bik));
}
