/**
 * The scheduled jobs: name (the pg-boss queue), Swedish label, when it runs (cron in Swedish time), and the
 * handler. Every handler reads the time from ctx.clock and is idempotent: it does what is due and marks it
 * done, so a run that comes late or twice does no harm, and a run missed while no process was up is made
 * good by the next one. Mail goes through the outbox (ctx.mailer.send), which the mail worker delivers.
 */
import type { Ctx } from "../context.js";
import * as invitations from "../collections/invitations.js";
import { releaseClosed } from "../answering/held.js";
import { purgeMail } from "../outbox/service.js";
import { purgeExpiredSessions } from "../accounts/service.js";
import * as deviations from "../deviations/service.js";
import { purgeExpiredRateLimits } from "../ratelimit/store.js";
import * as repo from "./repo.js";
import { swedishDate } from "../dates.js";

export type Counts = Record<string, number>;
/**
 * `total`: the run's counts (summed from `forbund` when left out); `forbund`: counts per förbund id, shown to
 * that förbund's admins; `errors`: failures of single förbund (the others went on), which make the run failed.
 */
export type JobResult = { total?: Counts; forbund?: Record<string, Counts>; errors?: unknown[] };

export type JobDefinition = {
  name: string;
  label: string;
  /** Cron in Europe/Stockholm time, and the same in words for the pages. */
  cron: string;
  when: string;
  /** "forbund": it acts for each förbund and keeps counts per förbund; "plattform": one count for the instance. */
  scope: "forbund" | "plattform";
  run(ctx: Ctx): Promise<JobResult>;
  /** A short Swedish summary of counts, for the run's row and the pages. */
  describe(c: Counts): string;
};

export const TIME_ZONE = "Europe/Stockholm";

const n = (c: Counts, key: string) => c[key] ?? 0;
const count = (k: number, one: string, many: string) => `${k} ${k === 1 ? one : many}`;

/** Job runs are kept this long. */
export const RUN_RETENTION_DAYS = 90;

/**
 * Runs `fn` for every förbund; one förbund's failure is recorded and the others go on. A förbund for
 * which `fn` returns null (nothing that concerns it) is left out of the counts.
 */
export async function eachForbund(forbundIds: string[], fn: (forbundId: string) => Promise<Counts | null>): Promise<JobResult> {
  const forbund: Record<string, Counts> = {};
  const errors: unknown[] = [];
  for (const id of forbundIds) {
    try {
      const counts = await fn(id);
      if (counts) forbund[id] = counts;
    } catch (err) {
      errors.push(err);
      forbund[id] = { fel: 1 };
    }
  }
  return { forbund, errors };
}

export const JOBS: readonly JobDefinition[] = [
  {
    name: "inbjudningspaminnelser",
    label: "Automatiska påminnelser om enkäter",
    cron: "0 9-16 * * *",
    when: "Varje hel timme 9–16",
    scope: "forbund",
    run: async (ctx) => eachForbund(await invitations.forbundWithAutoReminders(ctx), async (id) => {
      const sent = await invitations.sendAutomaticReminders(ctx, id);
      return sent ? { paminnelser: sent } : null;
    }),
    describe: (c) => (n(c, "paminnelser") ? count(n(c, "paminnelser"), "påminnelse skickad", "påminnelser skickade") : "Inga påminnelser behövdes"),
  },
  {
    name: "avvikelsepaminnelser",
    label: "Påminnelser till parterna om svar på avvikelser",
    cron: "30 9-16 * * *",
    when: "Varje timme 9.30–16.30",
    scope: "forbund",
    run: async (ctx) => eachForbund(await deviations.forbundWithDeviations(ctx), async (id) => {
      const sent = await deviations.sendDueReminders(ctx, id);
      return sent ? { paminnelser: sent } : null;
    }),
    describe: (c) => (n(c, "paminnelser") ? `${count(n(c, "paminnelser"), "påminnelse skickad", "påminnelser skickade")} till parterna` : "Inga påminnelser behövdes"),
  },
  {
    name: "forsenade-svar",
    label: "Veckolista över försenade svar från parterna",
    cron: "45 9-16 * * 1",
    when: "Måndagar, högst en gång i veckan per förbund",
    scope: "forbund",
    run: async (ctx) => eachForbund(await deviations.forbundWithDeviations(ctx), async (id) => {
      const r = await deviations.mailOverdueList(ctx, id);
      return r ? { forsenade: r.overdue, mottagare: r.recipients } : null;
    }),
    describe: (c) => (n(c, "mottagare")
      ? `Lista över ${count(n(c, "forsenade"), "försenat svar", "försenade svar")} skickad till ${count(n(c, "mottagare"), "mottagare", "mottagare")}`
      : "Ingen lista behövdes"),
  },
  {
    name: "effektuppfoljning",
    label: "Påminnelse om effektuppföljning av avslutade avvikelser",
    cron: "15 8 * * *",
    when: "Varje morgon 08.15",
    scope: "forbund",
    run: async (ctx) => eachForbund(await deviations.forbundWithDeviations(ctx), async (id) => {
      const sent = await deviations.remindEffectFollowUps(ctx, id);
      return sent ? { arenden: sent } : null;
    }),
    describe: (c) => (n(c, "arenden") ? `Påminnelse om ${count(n(c, "arenden"), "ärende", "ärenden")} skickad` : "Ingen uppföljning väntade"),
  },
  {
    name: "avvikelsegallring",
    label: "Automatisk gallring av avslutade avvikelser",
    cron: "30 2 * * *",
    when: "Varje natt 02.30",
    scope: "forbund",
    run: async (ctx) => eachForbund(await deviations.forbundWithDeviations(ctx), async (id): Promise<Counts | null> => {
      const r = await deviations.runAutomaticRetention(ctx, id);
      if (r.accepted) return { gallrade: r.anonymised };
      return r.waiting ? { ejGodkand: 1, vantar: r.waiting } : null;
    }),
    describe: (c) => [
      n(c, "gallrade") ? `${count(n(c, "gallrade"), "ärende avidentifierat", "ärenden avidentifierade")}` : "Inga ärenden att gallra",
      n(c, "ejGodkand") ? `${count(n(c, "vantar"), "ärende väntar", "ärenden väntar")} på att automatisk gallring godkänns` : "",
    ].filter(Boolean).join("; "),
  },
  {
    name: "inbjudningsadresser",
    label: "Radera inbjudningsadresser efter lagringstiden",
    cron: "5 * * * *",
    when: "Varje timme",
    scope: "forbund",
    run: async (ctx) => ({ forbund: Object.fromEntries(Object.entries(await invitations.purgeInvitationAddressesByForbund(ctx)).map(([id, k]) => [id, { adresser: k }])) }),
    describe: (c) => (n(c, "adresser") ? `${count(n(c, "adresser"), "inbjudningsadress raderad", "inbjudningsadresser raderade")}` : "Inga adresser att radera"),
  },
  {
    name: "stangda-insamlingar",
    label: "Räkna in väntande svar när en insamling har stängt",
    cron: "10 * * * *",
    when: "Varje timme",
    scope: "plattform",
    run: async (ctx) => ({ total: { svar: await releaseClosed(ctx, swedishDate(ctx.clock.now())) } }),
    describe: (c) => (n(c, "svar") ? `${count(n(c, "svar"), "väntande svar räknades in", "väntande svar räknades in")}` : "Inga väntande svar att räkna in"),
  },
  {
    name: "utkorg",
    label: "Gallra utkorgen",
    cron: "15 * * * *",
    when: "Varje timme",
    scope: "plattform",
    run: async (ctx) => {
      const r = await purgeMail(ctx);
      return { total: { innehall: r.bodies, meddelanden: r.rows } };
    },
    describe: (c) => (n(c, "innehall") || n(c, "meddelanden")
      ? `Innehållet i ${count(n(c, "innehall"), "meddelande", "meddelanden")} och ${count(n(c, "meddelanden"), "gammalt meddelande", "gamla meddelanden")} raderade`
      : "Inget att gallra"),
  },
  {
    name: "sessioner",
    label: "Radera utgångna inloggningar och räknare för begränsningar",
    cron: "20 * * * *",
    when: "Varje timme",
    scope: "plattform",
    run: async (ctx) => ({ total: { sessioner: await purgeExpiredSessions(ctx), raknare: await purgeExpiredRateLimits(ctx) } }),
    describe: (c) => `${count(n(c, "sessioner"), "utgången session", "utgångna sessioner")} och ${count(n(c, "raknare"), "utgången räknare", "utgångna räknare")} raderade`,
  },
  {
    name: "jobbkorningar",
    label: "Gallra jobbens körningar",
    cron: "25 3 * * *",
    when: "Varje natt 03.25",
    scope: "plattform",
    run: async (ctx) => ({ total: { korningar: await repo.deleteRunsBefore(ctx.db, new Date(ctx.clock.now().getTime() - RUN_RETENTION_DAYS * 86_400_000)) } }),
    describe: (c) => `${count(n(c, "korningar"), "körning", "körningar")} äldre än ${RUN_RETENTION_DAYS} dagar raderade`,
  },
];

export const jobNamed = (name: string) => JOBS.find((j) => j.name === name);
