namespace CrmSuite.Gateway.UI.Paging;

/// <summary>
/// Remembers the page tokens of the pages visited so far: a keyset API only says how to get the
/// next page, so going back means reusing the token that loaded the previous one.
/// </summary>
public sealed class KeysetPages
{
    private readonly List<string> tokens = [""];

    public int PageIndex { get; private set; }

    public int PageNumber => PageIndex + 1;

    /// <summary>The token that loads the current page (empty for the first).</summary>
    public string CurrentToken => tokens[PageIndex];

    public string NextToken { get; private set; } = "";

    public bool HasPrevious => PageIndex > 0;

    public bool HasNext => NextToken.Length > 0;

    public void Reset()
    {
        tokens.Clear();
        tokens.Add("");
        PageIndex = 0;
        NextToken = "";
    }

    public void Loaded(string nextPageToken) => NextToken = nextPageToken;

    public void MoveNext()
    {
        if (!HasNext)
        {
            return;
        }

        PageIndex++;
        tokens.RemoveRange(PageIndex, tokens.Count - PageIndex);
        tokens.Add(NextToken);
        NextToken = "";
    }

    public void MovePrevious()
    {
        if (HasPrevious)
        {
            PageIndex--;
        }
    }
}
