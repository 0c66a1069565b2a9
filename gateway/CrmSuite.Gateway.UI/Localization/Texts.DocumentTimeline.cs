namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>A document's rows on the company card's timeline (issued, sent, paid, signed, annulled).</summary>
    public static class DocumentTimeline
    {
        public static readonly Text SentTo = new("на {0}", "to {0}");
        public static readonly Text Reason = new("причина: {0}", "reason: {0}");
    }
}
