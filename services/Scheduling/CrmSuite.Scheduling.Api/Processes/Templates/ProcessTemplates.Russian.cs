namespace CrmSuite.Scheduling.Api.Processes.Templates;

/// <summary>
/// The Russian texts of the built-in templates, by element id (see <see cref="Translate"/>). Message
/// names (lead.created) are trigger keys, not words, and stay as they are.
/// </summary>
public static partial class ProcessTemplates
{
    private static readonly Dictionary<string, string> NewLeadRu = new()
    {
        ["Process_NewLead"] = "Новый лид",
        ["Process_NewLead/documentation"] = "Новому лиду звонят в течение часа, отправляют предложение, через три дня перезванивают; лид выигран или проигран.",
        ["Start_LeadCreated"] = "Создан лид",
        ["Task_CallLead"] = "Позвонить лиду",
        ["Timer_CallLate"] = "Не позвонили за 1 час",
        ["Task_SendOffer"] = "Отправить предложение",
        ["Timer_Wait3Days"] = "3 дня",
        ["Task_FollowUp"] = "Перезвонить",
        ["Gateway_Won"] = "Выигран?",
        ["Task_ThankYou"] = "Отправить благодарность",
        ["Task_ThankYou/emailSubject"] = "Спасибо, что выбрали нас",
        ["Task_ThankYou/emailBody"] = "Мы рады работать с вами.",
        ["End_Won"] = "Выигран",
        ["End_Lost"] = "Проигран",
        ["Flow_Won"] = "Да",
        ["Flow_Lost"] = "Нет",
    };

    private static readonly Dictionary<string, string> MonthlyBillingRu = new()
    {
        ["Process_MonthlyBilling"] = "Ежемесячное выставление счетов",
        ["Process_MonthlyBilling/documentation"] = "1-го числа каждого месяца в 09:00 владелец процесса получает задачу выставить счета за месяц; если за два дня не сделано — сообщают руководителю.",
        ["Start_Monthly"] = "1-го числа каждого месяца, 09:00",
        ["Task_IssueInvoices"] = "Выставить счета",
        ["Timer_InvoicesLate"] = "Не сделано за 2 дня",
        ["Task_ReportDone"] = "Сообщить о готовности",
        ["Task_ReportDone/emailSubject"] = "Счета за месяц выставлены",
        ["Task_ReportDone/emailBody"] = "Счета за этот месяц выставлены.",
        ["End_Billed"] = "Счета выставлены",
    };

    private static readonly Dictionary<string, string> ClientOnboardingRu = new()
    {
        ["Process_ClientOnboarding"] = "Подключение клиента",
        ["Process_ClientOnboarding/documentation"] = "Новому клиенту одновременно звонят с приветствием и отправляют договор; через неделю после того и другого менеджер уточняет первый заказ.",
        ["Start_CompanyCreated"] = "Создана компания",
        ["Task_WelcomeCall"] = "Приветственный звонок",
        ["Task_SendContract"] = "Отправить договор",
        ["Task_SendContract/emailSubject"] = "Ваш договор",
        ["Task_SendContract/emailBody"] = "Договор во вложении. Будем рады работать с вами.",
        ["Task_FirstOrder"] = "Уточнить первый заказ",
        ["End_Onboarded"] = "Клиент подключён",
    };
}
