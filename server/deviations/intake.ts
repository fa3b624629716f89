/**
 * The public report: checked against the förbund's organisation and codes, registered under the next
 * case number with a private follow link for the reporter, and announced to the staff who handle it.
 */
import type { Ctx } from "../context.js";
import type { Done, FieldErrors } from "../result.js";
import * as repo from "./repo.js";
import { caseNumber } from "./cases.pure.js";
import type { ReportInput } from "./schema.js";
import { transactional } from "../unit-of-work.js";
import { formOptions, type Code, type Codes, type Organisation } from "./settings.js";
import { today } from "./cases.js";
import { followToken, followUrl, newToken, tokenHash } from "./tokens.js";
import { mailReceipt, notifyStaff } from "./notices.js";

/** Problems with ids and codes that only the database can see, keyed like the API's fields. */
export function checkAgainstOrganisation(input: ReportInput, org: Organisation, codes: Codes): FieldErrors {
  const errors: FieldErrors = {};
  const party = (id: string) => org.parties.find((p) => p.id === id);
  const unitOf = (partyId: string, unitId: string | null) => unitId === null || !!party(partyId)?.units.some((u) => u.id === unitId);
  if (!org.areas.some((a) => a.id === input.areaId)) errors.areaId = "Kommunområdet finns inte i förbundet.";
  if (input.interventionId && !org.interventions.some((i) => i.id === input.interventionId)) errors.interventionId = "Insatsen finns inte i förbundet.";
  if (!party(input.reporter.partyId)) errors["reporter.partyId"] = "Parten finns inte i förbundet.";
  else if (!unitOf(input.reporter.partyId, input.reporter.unitId)) errors["reporter.unitId"] = "Enheten hör inte till den valda parten.";
  input.concerned.forEach((c, i) => {
    if (!party(c.partyId)) errors[`concerned.${i}.partyId`] ??= "Parten finns inte i förbundet.";
    else if (!unitOf(c.partyId, c.unitId)) errors[`concerned.${i}.unitId`] ??= "Enheten hör inte till parten.";
  });
  const unknown = (chosen: string[], list: Code[]) => chosen.filter((c) => !list.some((x) => x.code === c));
  if (unknown(input.consequences, codes.consequences).length) errors.consequences = `Okänd konsekvens: ${unknown(input.consequences, codes.consequences).join(", ")}.`;
  if (unknown(input.causes, codes.causes).length) errors.causes = `Okänd orsak: ${unknown(input.causes, codes.causes).join(", ")}.`;
  return errors;
}

/** `again`: the same form was sent before (its submission key), so nothing new was filed. */
export type Reported = Done<{ id: string; caseNumber: string; followUrl: string; mailed: boolean; again: boolean }>;

/**
 * Registers a report: the next case number of the förbund and year, a private follow-up link
 * (shown once, and mailed when the reporter gave an address), and a notice to the kommunområde's
 * koordinatorer and the förbund's admins that carries only the case number and a staff link.
 */
export const report = transactional(async function report(
  ctx: Ctx, forbundId: string, input: ReportInput, via: "form" | "api", submissionKey?: string,
): Promise<Reported> {
  // The form's submission key decides the follow token, so the same form sent twice meets its own case
  // (the follow token's unique index) instead of filing a second one.
  const seed = submissionKey ?? newToken();
  const token = followToken(ctx, seed);
  const earlier = submissionKey ? await repo.findByFollowHash(ctx.db, tokenHash(token)) : undefined;
  if (earlier) return sentBefore(ctx, forbundId, earlier, token);
  const { org, codes } = await formOptions(ctx, forbundId);
  const errors = checkAgainstOrganisation(input, org, codes);
  if (Object.keys(errors).length) return { ok: false, errors };
  const date = today(ctx);
  const values: repo.NewDeviation = {
    forbundId, year: Number(date.slice(0, 4)), occurredMonth: input.occurredMonth, areaId: input.areaId, interventionId: input.interventionId,
    reporterPartyId: input.reporter.partyId, reporterUnitId: input.reporter.unitId, reporterRole: input.reporter.role,
    reporterName: input.reporter.name, reporterEmail: input.reporter.email,
    description: input.description, consequences: input.consequences, consequenceOther: input.consequenceOther,
    causes: input.causes, causeOther: input.causeOther, proposal: input.proposal, actionTaken: input.actionTaken,
    severity: input.severity, frequency: input.frequency, status: "ny", followTokenHash: tokenHash(token), reportedOn: date,
    followSeed: input.reporter.email ? seed : null,
    createdAt: ctx.clock.now(),
  };
  const event = { at: ctx.clock.now(), actorId: null, actorLabel: via === "api" ? "Rapportören (via API)" : "Rapportören", kind: "reported", visibleToReporter: true };
  let row: repo.DeviationRow | undefined;
  // Two reports at the same moment may compute the same number; the unique index refuses one, which tries again.
  for (let attempt = 0; !row; attempt++) {
    try {
      row = await repo.insertDeviation(ctx.db, values, input.concerned, event, caseNumber);
    } catch (err) {
      if (!repo.isUniqueViolation(err) || attempt >= 9) throw err;
      // The same form, sent twice at the same moment: the other request filed it.
      const twin = submissionKey ? await repo.findByFollowHash(ctx.db, tokenHash(token)) : undefined;
      if (twin) return sentBefore(ctx, forbundId, twin, token);
    }
  }
  const url = followUrl(ctx, token);
  await notifyStaff(ctx, forbundId, row, { kind: "new-case" });
  const mailed = !!input.reporter.email;
  if (input.reporter.email) await mailReceipt(ctx, forbundId, input.reporter.email, { caseNumber: row.caseNumber, followUrl: url });
  return { ok: true, id: row.id, caseNumber: row.caseNumber, followUrl: url, mailed, again: false };
});

/** A form already filed: its case, unless the key was sent to another förbund's form (then the form must be reloaded). */
function sentBefore(ctx: Ctx, forbundId: string, row: repo.DeviationRow, token: string): Reported {
  if (row.forbundId !== forbundId) return { ok: false, errors: { _form: "Formuläret har gått ut. Ladda om sidan och skicka rapporten igen." } };
  return { ok: true, id: row.id, caseNumber: row.caseNumber, followUrl: followUrl(ctx, token), mailed: !!row.reporterEmail, again: true };
}

export type Receipt = { caseNumber: string; mailed: boolean; followUrl: string | null };

/**
 * The receipt after the public form, found by the form's submission key: the follow link the first time
 * it is shown, then only the case number (a reload, the back button, the browser's history).
 */
export async function receipt(ctx: Ctx, forbundId: string, submissionKey: string): Promise<Receipt | undefined> {
  const token = followToken(ctx, submissionKey);
  const row = await repo.findByFollowHash(ctx.db, tokenHash(token));
  if (!row || row.forbundId !== forbundId) return undefined;
  const first = await repo.markReceiptShown(ctx.db, row.id, ctx.clock.now());
  return { caseNumber: row.caseNumber, mailed: !!row.reporterEmail, followUrl: first ? followUrl(ctx, token) : null };
}
