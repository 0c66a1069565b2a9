using System.Globalization;

namespace CrmSuite.Identity.Localization;

/// <summary>The sign-in pages' texts in Russian and English, chosen by the request culture.</summary>
public sealed class IdentityText
{
    private static readonly Dictionary<string, (string En, string Ru)> Texts = new()
    {
        ["SignInTitle"] = ("Sign in to CrmSuite", "Вход в CrmSuite"),
        ["UserName"] = ("User name", "Имя пользователя"),
        ["Password"] = ("Password", "Пароль"),
        ["SignIn"] = ("Sign in", "Войти"),
        ["WrongCredentials"] = ("Wrong user name or password.", "Неверное имя пользователя или пароль."),
        ["LockedOut"] = ("Too many failed attempts: the account is locked for {0} minutes. Try again later or ask an administrator to unlock it.",
            "Слишком много неудачных попыток: учётная запись заблокирована на {0} мин. Попробуйте позже или попросите администратора разблокировать её."),
        ["Disabled"] = ("This account is disabled. Ask an administrator.", "Учётная запись отключена. Обратитесь к администратору."),
        ["Required"] = ("Required.", "Обязательное поле."),
        ["TwoFactorTitle"] = ("Two-factor authentication", "Двухфакторная аутентификация"),
        ["AuthenticatorCode"] = ("Code from your authenticator app", "Код из приложения-аутентификатора"),
        ["Verify"] = ("Verify", "Подтвердить"),
        ["WrongCode"] = ("The code is not valid. Check the time on your phone and try again.", "Неверный код. Проверьте время на телефоне и попробуйте снова."),
        ["UseRecoveryCode"] = ("Use a recovery code instead", "Использовать код восстановления"),
        ["RecoveryCode"] = ("Recovery code", "Код восстановления"),
        ["WrongRecoveryCode"] = ("The recovery code is not valid or was already used.", "Код восстановления неверен или уже использован."),
        ["ChangePasswordTitle"] = ("Choose a new password", "Выберите новый пароль"),
        ["ChangePasswordHint"] = ("Your password was set by an administrator. Choose your own before you continue: at least 10 characters with upper- and lower-case letters and a digit.",
            "Пароль был задан администратором. Перед продолжением выберите свой: не менее 10 символов, заглавные и строчные буквы и цифра."),
        ["CurrentPassword"] = ("Current password", "Текущий пароль"),
        ["NewPassword"] = ("New password", "Новый пароль"),
        ["ConfirmPassword"] = ("Repeat the new password", "Повторите новый пароль"),
        ["PasswordsDiffer"] = ("The new passwords do not match.", "Новые пароли не совпадают."),
        ["SamePassword"] = ("The new password must differ from the current one.", "Новый пароль должен отличаться от текущего."),
        ["Save"] = ("Save", "Сохранить"),
        ["SecurityTitle"] = ("Account security", "Безопасность учётной записи"),
        ["TwoFactorOn"] = ("Two-factor authentication is on.", "Двухфакторная аутентификация включена."),
        ["TwoFactorOff"] = ("Two-factor authentication is off. Scan the QR code with an authenticator app (or type the key), then enter the code it shows.",
            "Двухфакторная аутентификация выключена. Отсканируйте QR-код приложением-аутентификатором (или введите ключ), затем введите показанный код."),
        ["Key"] = ("Key", "Ключ"),
        ["Enable"] = ("Turn on", "Включить"),
        ["RecoveryCodesTitle"] = ("Recovery codes", "Коды восстановления"),
        ["RecoveryCodesHint"] = ("Keep these codes somewhere safe. Each lets you sign in once without your phone. They are shown only now.",
            "Сохраните эти коды в надёжном месте. Каждый позволяет войти один раз без телефона. Они показываются только сейчас."),
        ["BackToCrm"] = ("Back to CrmSuite", "Вернуться в CrmSuite"),
    };

    public string this[string key] => Get(key);

    public string Get(string key, params object[] args)
    {
        var (en, ru) = Texts.TryGetValue(key, out var text) ? text : (key, key);
        var template = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "ru" ? ru : en;
        return args.Length == 0 ? template : string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
