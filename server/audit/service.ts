/** The audit log: who did what and when with accounts, tokens and exports — never respondents' data. */
import type { Ctx } from "../context.js";
import type { CurrentUser } from "../http/types.js";
import * as repo from "./repo.js";

export const actionLabels: Record<string, string> = {
  "login": "Inloggning",
  "login.failed": "Misslyckad inloggning",
  "login.failures_notified": "Kontoinnehavaren fick mejl om misslyckade inloggningar",
  "logout": "Utloggning",
  "password.changed": "Lösenord bytt",
  "password.reset_requested": "Återställning av lösenord begärd",
  "user.invited": "Användare inbjuden",
  "user.updated": "Användare ändrad",
  "user.deactivated": "Användare inaktiverad",
  "user.activated": "Användare aktiverad",
  "token.created": "API-nyckel skapad",
  "token.revoked": "API-nyckel återkallad",
  "forbund.created": "Förbund skapat",
  "organisation.changed": "Organisation ändrad",
  "export": "Export",
  "import": "Import av svar",
  "deviations.settings_changed": "Inställningar för avvikelser ändrade",
  "deviations.anonymised": "Avvikelser gallrade (anonymiserade)",
  "deviations.retention_accepted": "Automatisk gallring av avvikelser godkänd",
  "deviations.retention_withdrawn": "Godkännandet av automatisk gallring av avvikelser återkallat",
  "socioeconomics.schablon_changed": "Schablon för socioekonomisk effekt ändrad",
  "socioeconomics.funding_changed": "Insatsens finansiering ändrad",
  "questionnaire.created": "Enkät skapad",
  "questionnaire.published": "Enkät publicerad",
  "deviations.imported": "Tidigare avvikelser importerade",
  "socioeconomics.economy_changed": "Insatsernas ekonomi ändrad",
  "socioeconomics.movements_changed": "Stegförflyttningar ändrade",
  "socioeconomics.nyckeltal_changed": "Nyckeltal för stegförflyttning ändrade",
  "group.invited": "Förbundet inbjudet till en förbundsgrupp",
  "sharing.group.shared": "Resultat delade med en förbundsgrupp",
  "sharing.group.withdrawn": "Delning med en förbundsgrupp återkallad",
  "sharing.national.shared": "Resultat delade nationellt",
  "sharing.national.withdrawn": "Nationell delning återkallad",
  "aggregate.exported": "Förbundets aggregat hämtat för den nationella sammanställningen",
  "aggregate.imported": "Ett förbunds aggregat inläst i den nationella sammanställningen",
  "user.created_sso": "Konto skapat vid enkel inloggning",
  "signin.settings_changed": "Inställningar för inloggning ändrade",
  "questionnaire.translated": "Enkät översatt",
  "language.changed": "Språk för de svarande ändrat",
  "language.words.changed": "Gränssnittets ord ändrade för förbundet",
  "shared.invited": "Inbjudan att samfinansiera en insats",
  "shared.accepted": "Samfinansiering av en insats accepterad",
  "shared.withdrawn": "Inbjudan att samfinansiera en insats återkallad",
  "shared.ended": "Samfinansiering av en insats avslutad",
};

/** Records one action by a user (or by an e-mail address that failed to log in). */
export async function record(
  ctx: Ctx,
  actor: Pick<CurrentUser, "id" | "email" | "forbundId"> | { id: null; email: string | null; forbundId: string | null },
  action: string,
  detail: Record<string, unknown> = {},
) {
  await repo.insertEntry(ctx.db, {
    forbundId: actor.forbundId, actorId: actor.id, actorEmail: actor.email, action, detail,
  }, ctx.clock.now());
}

export async function list(ctx: Ctx, forbundId: string, limit = 500) {
  const rows = await repo.listEntries(ctx.db, forbundId, limit);
  return rows.map((r) => ({ ...r, label: actionLabels[r.action] ?? r.action }));
}
