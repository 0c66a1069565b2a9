namespace CrmSuite.Gateway.UI.Localization;

public static partial class Texts
{
    /// <summary>The 3-week team timeline (Calendar/TeamTimeline.razor).</summary>
    public static class TeamTimeline
    {
        public static readonly Text Title = new("Команда: 3 недели", "Team: 3 weeks");
        public static readonly Text Open = new("Команда на 3 недели", "Team, 3 weeks");
        public static readonly Text Team = new("Команда", "Team");
        public static readonly Text Person = new("Сотрудник", "Person");
        public static readonly Text EveryoneInTeam = new("Вся команда", "Whole team");
        public static readonly Text NoTeam = new("Без команды", "No team");
        public static readonly Text Nobody = new("В этой команде никого нет.", "Nobody is in this team.");
        public static readonly Text Range = new("{0} – {1}", "{0} – {1}");
    }
}
