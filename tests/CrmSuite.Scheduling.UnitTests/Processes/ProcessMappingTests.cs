using CrmSuite.Scheduling.Api.Processes.Api;
using CrmSuite.Scheduling.Api.Processes.Model;
using CrmSuite.Scheduling.Api.Processes.Templates;
using Storage = CrmSuite.Scheduling.Api.Processes.Storage;

namespace CrmSuite.Scheduling.UnitTests.Processes;

/// <summary>What a process says about itself to the staff UI.</summary>
public sealed class ProcessMappingTests
{
    [Theory]
    [InlineData("good/every-element.bpmn", true)]
    [InlineData("good/timer-starts.bpmn", false)]
    public void Only_a_published_process_with_a_start_by_hand_is_offered_on_a_record_s_card(string fixture, bool startsByHand)
    {
        var xml = BpmnFixtures.Read(fixture);

        Assert.Equal(startsByHand, Published(xml).StartsByHand);
        Assert.False(Draft(xml).StartsByHand);
    }

    [Fact]
    public void The_new_lead_template_starts_on_a_lead_so_a_card_does_not_offer_it()
    {
        Assert.False(Published(ProcessTemplates.Find("new-lead")!.XmlRu).StartsByHand);
    }

    private static Contracts.Process Published(string xml)
    {
        var compiled = BpmnCompiler.Compile(xml);
        var process = new Storage.Process { Id = Guid.NewGuid(), Name = "P", DraftXml = xml, PublishedVersion = 1 };
        var version = new Storage.ProcessVersion { ProcessId = process.Id, Number = 1, Xml = xml };
        return process.ToMessage(compiled, version, compiled.Definition, running: 0, english: true, TimeZoneInfo.Utc);
    }

    private static Contracts.Process Draft(string xml) =>
        new Storage.Process { Id = Guid.NewGuid(), Name = "P", DraftXml = xml }
            .ToMessage(BpmnCompiler.Compile(xml), published: null, publishedDefinition: null, running: 0, english: true, TimeZoneInfo.Utc);
}
