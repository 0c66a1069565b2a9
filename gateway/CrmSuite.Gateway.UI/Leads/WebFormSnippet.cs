using System.Net;

namespace CrmSuite.Gateway.UI.Leads;

/// <summary>
/// The HTML an administrator pastes into their site: a plain form (works without script) plus a
/// few lines that post it with fetch and say thank you in place. The "website" field is the
/// honeypot: hidden from people, filled by bots, and then dropped silently by the service.
/// </summary>
public static class WebFormSnippet
{
    public static string SubmitUrl(string baseUri, string publicKey) =>
        $"{baseUri.TrimEnd('/')}/api/clients/v1/forms/{Uri.EscapeDataString(publicKey)}/submit";

    public static string Build(string baseUri, string publicKey)
    {
        var url = WebUtility.HtmlEncode(SubmitUrl(baseUri, publicKey));
        var id = "crm-lead-form-" + new string(publicKey.Where(char.IsAsciiLetterOrDigit).Take(8).ToArray());
        return $$"""
            <form id="{{id}}" action="{{url}}" method="post">
              <input name="person_name" placeholder="Имя / Name" required>
              <input name="company_name" placeholder="Компания / Company">
              <input name="email" type="email" placeholder="Email">
              <input name="phone" type="tel" placeholder="Телефон / Phone">
              <textarea name="message" placeholder="Сообщение / Message"></textarea>
              <input name="website" tabindex="-1" autocomplete="off" style="position:absolute;left:-9999px" aria-hidden="true">
              <button type="submit">Отправить / Send</button>
            </form>
            <script>
            (function () {
              var form = document.getElementById("{{id}}");
              form.addEventListener("submit", function (e) {
                e.preventDefault();
                var data = new URLSearchParams(new FormData(form));
                data.append("page_url", location.href);
                fetch(form.action, { method: "POST", body: data }).then(function (r) {
                  form.innerHTML = r.ok ? "<p>Спасибо! Мы свяжемся с вами. / Thank you, we will be in touch.</p>"
                                        : "<p>Не удалось отправить, проверьте поля. / Could not send; check the fields.</p>";
                });
              });
            })();
            </script>
            """;
    }
}
