import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { renderMail } from "../../server/mail.js";

// The texts below are the ones the services composed by string concatenation before the mail became
// templates (views/emails/): a change to a template shows here first.
const url = "https://samspar.example/a/svar/TOKEN";
const staffUrl = "https://samspar.example/avvikelser/c1";

describe("e-post som mallar", () => {
  it.each([
    ["deviation-report-receipt", { caseNumber: "AV-2025-007", followUrl: url },
      "Din rapport om avvikelse i samverkan: AV-2025-007",
      "Tack för att du rapporterade en avvikelse i samverkan. Ärendet har nummer AV-2025-007.\n\n" +
      `Följ ärendet, se svaren och lägg till information här (länken är personlig – dela den inte):\n${url}\n\n– Samspår`],
    ["deviation-reporter-update", { caseNumber: "AV-2025-007", followUrl: url },
      "Nytt i ditt ärende AV-2025-007",
      "Det finns nytt i ärendet AV-2025-007 om avvikelse i samverkan som du rapporterade.\n\n" +
      `Läs vad som har hänt (länken är personlig – dela den inte):\n${url}\n\n– Samspår`],
    ["deviation-reporter-update", { caseNumber: "AV-2025-007", followUrl: null },
      "Nytt i ditt ärende AV-2025-007",
      "Det finns nytt i ärendet AV-2025-007 om avvikelse i samverkan som du rapporterade.\n\n" +
      "Läs vad som har hänt med din personliga länk, som du fick när du rapporterade.\n\n– Samspår"],
    ["deviation-effect-due", { caseNumber: "AV-2025-007", date: "2025-06-02", staffUrl },
      "Dags att följa upp effekten: AV-2025-007",
      "Ärendet AV-2025-007 avslutades med ett beslut, och effekten av åtgärden skulle följas upp 2025-06-02.\n\n" +
      `Logga in i Samspår och skriv om åtgärden fungerade:\n${staffUrl}\n\n– Samspår`],
    ["deviation-new-case", { caseNumber: "AV-2025-007", staffUrl },
      "Avvikelse i samverkan AV-2025-007",
      `En ny avvikelse i samverkan har kommit in: AV-2025-007.\n\nLogga in i Samspår för att läsa och hantera ärendet:\n${staffUrl}\n\n– Samspår`],
    ["deviation-reporter-info", { caseNumber: "AV-2025-007", staffUrl },
      "Avvikelse i samverkan AV-2025-007",
      `Den som rapporterade AV-2025-007 har lagt till information.\n\nLogga in i Samspår för att läsa och hantera ärendet:\n${staffUrl}\n\n– Samspår`],
    ["deviation-party-answered", { caseNumber: "AV-2025-007", party: "Försäkringskassan", staffUrl },
      "Avvikelse i samverkan AV-2025-007",
      `Försäkringskassan har svarat på AV-2025-007.\n\nLogga in i Samspår för att läsa och hantera ärendet:\n${staffUrl}\n\n– Samspår`],
    ["deviation-answer-request", { forbundName: "Samordningsförbundet Väst", party: "Regionen", caseNumber: "AV-2025-007", deadline: "2025-03-01", answerUrl: url },
      "Begäran om svar: avvikelse i samverkan AV-2025-007",
      "Samordningsförbundet Väst ber Regionen om ett svar på avvikelse i samverkan AV-2025-007 senast 2025-03-01.\n\n" +
      `Läs ärendet och svara här – inget konto behövs (länken är personlig för Regionen):\n${url}\n\n– Samspår`],
    ["deviation-answer-reminder", { party: "Regionen", caseNumber: "AV-2025-007", deadline: "2025-03-01", answerUrl: url },
      "Påminnelse: svar på avvikelse i samverkan AV-2025-007 senast 2025-03-01",
      "Vi väntar fortfarande på Regionens svar på avvikelse i samverkan AV-2025-007. Svaret behövs senast 2025-03-01.\n\n" +
      `Läs ärendet och svara här – inget konto behövs. Länken ersätter den i det första meddelandet:\n${url}\n\n– Samspår`],
    ["login-failures", { attempts: 5, forgotUrl: "https://samspar.example/konto/glomt-losenord" },
      "Misslyckade inloggningar på ditt konto i Samspår",
      "Någon har försökt logga in på ditt konto i Samspår med fel lösenord minst 5 gånger den senaste timmen.\n\n" +
      "Ditt konto är inte spärrat: med rätt lösenord loggar du in som vanligt, medan försök med fel lösenord bromsas.\n\n" +
      "Var det inte du? Välj gärna ett nytt, långt lösenord via https://samspar.example/konto/glomt-losenord och kontakta förbundets administratör.\n\n– Samspår"],
    ["account-invitation", { inviter: "Anna Admin", forbundName: "Samordningsförbundet Väst", days: 7, url },
      "Inbjudan till Samspår",
      "Anna Admin har bjudit in dig till Samspår för Samordningsförbundet Väst.\n\n" +
      `Välj ditt lösenord här (länken gäller i 7 dagar och kan användas en gång):\n${url}\n\nOm du inte väntade dig detta meddelande kan du bortse från det.\n\n– Samspår`],
    ["account-invitation-sso", { inviter: "Anna Admin", forbundName: "Samordningsförbundet Väst", url: "https://samspar.example/login", providers: ["Region Väst"] },
      "Inbjudan till Samspår",
      "Anna Admin har bjudit in dig till Samspår för Samordningsförbundet Väst.\n\n" +
      "Du loggar in med din organisations konto (enkel inloggning: Region Väst), med just den här e-postadressen. Du behöver inte välja något lösenord.\n\n" +
      "Logga in här:\nhttps://samspar.example/login\n\nOm du inte väntade dig detta meddelande kan du bortse från det.\n\n– Samspår"],
    ["password-reset", { hours: 2, url },
      "Återställ ditt lösenord i Samspår",
      "Någon (förhoppningsvis du) har bett om att återställa lösenordet till ditt konto i Samspår.\n\n" +
      `Välj ditt lösenord här (länken gäller i 2 timmar och kan användas en gång):\n${url}\n\nOm du inte väntade dig detta meddelande kan du bortse från det.\n\n– Samspår`],
  ])("när %s renderas så blir första raden ämnet och resten texten", (name, data, subject, text) => {
    expect(renderMail(name, data)).toEqual({ subject, text });
  });

  it("när flera svar är försenade så står de i listan, åtskilda av tomrader", () => {
    const answers = [
      { caseNumber: "AV-2025-001", party: "Regionen", deadline: "2025-01-10", staffUrl: "https://samspar.example/avvikelser/a" },
      { caseNumber: "AV-2025-002", party: "Kommunen", deadline: "2025-01-12", staffUrl: "https://samspar.example/avvikelser/b" },
    ];
    expect(renderMail("deviation-overdue-answers", { answers, everyDays: 7 })).toEqual({
      subject: "Försenade svar på avvikelser i samverkan (2)",
      text: "Svarstiden har gått ut för 2 svar från parterna:\n\n" +
        "AV-2025-001 – Regionen, svar senast 2025-01-10\nhttps://samspar.example/avvikelser/a\n\n" +
        "AV-2025-002 – Kommunen, svar senast 2025-01-12\nhttps://samspar.example/avvikelser/b\n\n" +
        "Logga in i Samspår för att påminna parten eller föra ärendet vidare. Listan kommer högst en gång i veckan (var 7:e dag) så länge något svar är försenat.\n\n– Samspår",
    });
    expect(renderMail("deviation-overdue-answers", { answers: answers.slice(0, 1), everyDays: 7 }).text).toMatch(/^Svarstiden har gått ut för ett svar från parterna:\n\nAV-2025-001 – Regionen, svar senast 2025-01-10\nhttps:\/\/samspar.example\/avvikelser\/a\n\nLogga in/);
  });

  it("när enkätens titel har tecken som betyder något i HTML så står de oförändrade i inbjudan och påminnelsen", () => {
    const data = { title: "Hur var <mötet> & \"allt\"?", sender: "Förbundet", link: url, closesOn: null };
    const invitation = renderMail("survey-invitation", data);
    expect(invitation.subject).toBe("Inbjudan: Hur var <mötet> & \"allt\"?");
    expect(invitation.text).toBe("Hej!\n\nFörbundet vill gärna veta vad du tycker. Du är inbjuden att svara på enkäten ”Hur var <mötet> & \"allt\"?”.\n\n" +
      `Svara här:\n${url}\n\nEnkäten är anonym. Ingen kan se vad just du har svarat. Länken är personlig bara för att du inte ska få påminnelser när du redan har svarat.\n\n` +
      "Om du inte vill svara kan du bortse från meddelandet.\n\n– Förbundet");
    const reminder = renderMail("survey-reminder", { ...data, closesOn: "2025-06-30" });
    expect(reminder.subject).toBe("Påminnelse: Hur var <mötet> & \"allt\"?");
    expect(reminder.text).toBe("Hej!\n\nFör en tid sedan fick du en inbjudan att svara på enkäten ”Hur var <mötet> & \"allt\"?”. Vi har inte fått något svar från den ännu.\n" +
      `Om du redan har svarat: tack, och bortse från det här meddelandet.\n\nSvara här:\n${url}\n\n` +
      "Enkäten är anonym. Ingen kan se vad just du har svarat. Länken är personlig bara för att du inte ska få påminnelser när du redan har svarat.\n" +
      "Enkäten är öppen till och med 2025-06-30.\n\nOm du inte vill svara kan du bortse från meddelandet.\n\n– Förbundet");
  });

  it("när en mall behöver ett värde som inte ges så kastas ett fel i stället för ett mejl med hål", () => {
    expect(() => renderMail("deviation-new-case", { caseNumber: "AV-2025-007" })).toThrow(/staffUrl/);
  });

  it("när mallarna listas så har varje fil i views/emails ett fall ovan", () => {
    const tested = ["deviation-report-receipt", "deviation-reporter-update", "deviation-effect-due", "deviation-new-case", "deviation-reporter-info", "deviation-party-answered", "deviation-answer-request",
      "deviation-answer-reminder", "deviation-overdue-answers", "login-failures", "account-invitation", "account-invitation-sso", "password-reset", "survey-invitation", "survey-reminder"];
    const files = fs.readdirSync(new URL("../../views/emails/", import.meta.url)).map((f) => f.replace(/\.ejs$/, ""));
    expect(files.sort()).toEqual(tested.sort());
  });
});
