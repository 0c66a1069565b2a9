using CrmSuite.Clients.Api.Exports;

namespace CrmSuite.Clients.UnitTests;

public sealed class ExportNeutralisationTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Open\")")]
    [InlineData("+cmd|' /C calc'!A0")]
    [InlineData("-2+3+cmd|' /C calc'!A0")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("+A1")]
    [InlineData("-")]
    public void Text_a_spreadsheet_would_run_gets_an_apostrophe_in_CSV(string value)
    {
        Assert.Equal("'" + value, CompanyExportFile.Neutralize(value));
    }

    [Theory]
    [InlineData("+74951234567")]
    [InlineData("+7 495 123-45-67")]
    [InlineData("+7 (495) 123-45-67")]
    [InlineData("-15")]
    [InlineData("-1 234,50")]
    [InlineData("-12.5")]
    [InlineData("ООО «Ромашка»")]
    [InlineData("sales@acme.example")]
    [InlineData("")]
    public void Phone_numbers_negative_numbers_and_plain_text_stay_as_they_are(string value)
    {
        Assert.Equal(value, CompanyExportFile.Neutralize(value));
    }
}
