/**
 * Avvikelser i samverkan (Lex Heller): the public report, case handling with answers from the parties,
 * feedback to the reporter through a private link, the year's analysis and retention. This file is the
 * feature's public surface — the routes, other features and the jobs import it — and only re-exports:
 *
 *   settings.ts   settings, the public report address, causes and consequences
 *   intake.ts     the public report
 *   cases.ts      reading cases within a user's scope, meeting lists, published summaries, the history
 *   handling.ts   staff commands on one case: status, notes, requests to parties, approval, lift, effect, summary
 *   reminders.ts  reminders to parties and the overdue list to staff (also the scheduled jobs)
 *   links.ts      the reporter's follow link and the party's answer link
 *   analysis.ts   the year's analysis
 *   retention.ts  retention by hand, its acceptance, and the nightly run
 *   notices.ts    every mail (views/emails/deviation-*.ejs): a case number and a link, never the case
 *   tokens.ts     the links' tokens, stored only as sha256
 *   import.ts     earlier cases from the förbund's own log (CSV, all or nothing; import.pure.ts reads the file)
 */
export type { Organisation, Codes, Settings, SettingsInput, SeverityRules } from "./settings.js";
export { severityRules, getSettings, saveSettings, findByPublicSlug, getCodes, formOptions, publicFormUrl, publicSummariesUrl, forbundWithDeviations } from "./settings.js";
export type { Receipt } from "./intake.js";
export { report, receipt } from "./intake.js";
export { newToken } from "./tokens.js";
export type { CaseSummary, CaseDetail } from "./cases.js";
export { listCases, listYears, getCase, meetingList, decidedLifted, publishedSummaries } from "./cases.js";
export type { Handled } from "./handling.js";
export { changeStatus, addNote, requestAnswers, handOutLinks, approveAnswer, lift, saveEffect, saveAnalysisNote, saveSummary } from "./handling.js";
export { sendReminders, sendDueReminders, mailOverdueList, remindEffectFollowUps } from "./reminders.js";
export type { FollowView } from "./links.js";
export { followView, addReporterInfo, answerView, answer } from "./links.js";
export { analysis } from "./analysis.js";
export type { RetentionAcceptance } from "./retention.js";
export { retentionCandidates, runRetention, retentionAcceptance, acceptRetention, withdrawRetention, runAutomaticRetention } from "./retention.js";
export type { ImportResult } from "./import.js";
export { previewImport, importCases, readCsvBody } from "./import.js";
export { importColumns } from "./import.pure.js";
