/**
 * Avvikelser i samverkan (Lex Heller): reports of where the parties' cooperation failed a person.
 * Reports are allmänna handlingar: they describe the failure, never the individual.
 */
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas, forbund, interventions, parties, units } from "./organisation.js";
import { users } from "./accounts.js";

export const deviationSeverity = pgEnum("deviation_severity", ["allvarlig", "mindre_allvarlig"]);
export const deviationFrequency = pgEnum("deviation_frequency", ["forsta_gangen", "hant_forut", "aterkommande"]);
export const deviationStatus = pgEnum("deviation_status", ["ny", "under_handlaggning", "besvarad", "avslutad", "avvisad", "hanvisad"]);
export const deviationCodeKind = pgEnum("deviation_code_kind", ["cause", "consequence"]);

/** The förbund's lists of causes and consequences, seeded from Bilaga 6. */
export const deviationCodes = pgTable("deviation_codes", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  kind: deviationCodeKind("kind").notNull(),
  code: text("code").notNull(),
  label: text("label").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
}, (t) => [uniqueIndex("deviation_codes_unique").on(t.forbundId, t.kind, t.code)]);

export const deviations = pgTable("deviations", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  seq: integer("seq").notNull(),
  caseNumber: text("case_number").notNull(),
  occurredMonth: text("occurred_month").notNull(), // YYYY-MM
  areaId: uuid("area_id").references(() => areas.id, { onDelete: "set null" }),
  interventionId: uuid("intervention_id").references(() => interventions.id, { onDelete: "set null" }),
  reporterPartyId: uuid("reporter_party_id").references(() => parties.id, { onDelete: "set null" }),
  reporterUnitId: uuid("reporter_unit_id").references(() => units.id, { onDelete: "set null" }),
  reporterRole: text("reporter_role"),
  // Only when the reporter wants feedback by mail; removed by the retention routine.
  reporterName: text("reporter_name"),
  reporterEmail: text("reporter_email"),
  description: text("description").notNull(),
  consequences: jsonb("consequences").$type<string[]>().notNull().default([]),
  consequenceOther: text("consequence_other"),
  causes: jsonb("causes").$type<string[]>().notNull().default([]),
  causeOther: text("cause_other"),
  proposal: text("proposal"),
  actionTaken: text("action_taken"),
  severity: deviationSeverity("severity").notNull(),
  frequency: deviationFrequency("frequency"),
  status: deviationStatus("status").notNull().default("ny"),
  statusReason: text("status_reason"),
  followTokenHash: text("follow_token_hash").notNull(),
  // When the public form's receipt first showed the follow link; after that the receipt shows it no more.
  receiptShownAt: timestamp("receipt_shown_at", { withTimezone: true }),
  // Only when the reporter gave an address: the follow token is an HMAC of this seed under the anonymity key
  // (never in the database), so a notice can carry the link again; removed with the address by retention.
  followSeed: text("follow_seed"),
  // A case brought in from the förbund's earlier log (deviations/import.ts): it has no follow link and no history before it.
  importedAt: timestamp("imported_at", { withTimezone: true }),
  reportedOn: date("reported_on", { mode: "string" }).notNull(),
  answerDeadline: date("answer_deadline", { mode: "string" }),
  liftedTo: text("lifted_to"),
  liftedOn: date("lifted_on", { mode: "string" }),
  liftNote: text("lift_note"),
  decision: text("decision"),
  closedOn: date("closed_on", { mode: "string" }),
  effectFollowUpOn: date("effect_follow_up_on", { mode: "string" }),
  effectNote: text("effect_note"),
  effectWorked: boolean("effect_worked"),
  analysisNote: text("analysis_note"),
  publicSummary: text("public_summary"),
  publicSummaryApproved: boolean("public_summary_approved").notNull().default(false),
  anonymisedOn: date("anonymised_on", { mode: "string" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("deviations_case_number").on(t.forbundId, t.caseNumber),
  uniqueIndex("deviations_seq").on(t.forbundId, t.year, t.seq),
  uniqueIndex("deviations_follow_token").on(t.followTokenHash),
  index("deviations_forbund_year").on(t.forbundId, t.year),
]);

export const deviationConcerned = pgTable("deviation_concerned", {
  deviationId: uuid("deviation_id").notNull().references(() => deviations.id, { onDelete: "cascade" }),
  partyId: uuid("party_id").notNull().references(() => parties.id, { onDelete: "cascade" }),
  unitId: uuid("unit_id").references(() => units.id, { onDelete: "set null" }),
  position: integer("position").notNull().default(0),
}, (t) => [primaryKey({ columns: [t.deviationId, t.partyId, t.position] })]);

/** Every change of a case, with who and when. */
export const deviationEvents = pgTable("deviation_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  deviationId: uuid("deviation_id").notNull().references(() => deviations.id, { onDelete: "cascade" }),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
  actorLabel: text("actor_label").notNull(),
  kind: text("kind").notNull(),
  fromStatus: deviationStatus("from_status"),
  toStatus: deviationStatus("to_status"),
  note: text("note"),
  visibleToReporter: boolean("visible_to_reporter").notNull().default(false),
}, (t) => [index("deviation_events_deviation").on(t.deviationId, t.at)]);

/** A request to a party for an answer, answered through a link without an account. */
export const deviationPartyRequests = pgTable("deviation_party_requests", {
  id: uuid("id").primaryKey().defaultRandom(),
  deviationId: uuid("deviation_id").notNull().references(() => deviations.id, { onDelete: "cascade" }),
  partyId: uuid("party_id").notNull().references(() => parties.id, { onDelete: "cascade" }),
  contactEmail: text("contact_email").notNull(),
  tokenHash: text("token_hash").notNull(),
  requestedOn: date("requested_on", { mode: "string" }).notNull(),
  deadline: date("deadline", { mode: "string" }).notNull(),
  remindedOn: date("reminded_on", { mode: "string" }),
  answeredOn: date("answered_on", { mode: "string" }),
  answer: text("answer"),
  approved: boolean("approved").notNull().default(false),
}, (t) => [uniqueIndex("deviation_party_requests_token").on(t.tokenHash), index("deviation_party_requests_deviation").on(t.deviationId)]);

/** Per-förbund settings of the deviation routine. */
export const deviationSettings = pgTable("deviation_settings", {
  forbundId: uuid("forbund_id").primaryKey().references(() => forbund.id, { onDelete: "cascade" }),
  answerDays: integer("answer_days").notNull().default(60),
  reminderDays: integer("reminder_days").notNull().default(7),
  retentionMonths: integer("retention_months").notNull().default(36),
  // Party contacts for answer requests: { [partyId]: "kontakt@part.se" }
  partyContacts: jsonb("party_contacts").$type<Record<string, string>>().notNull().default({}),
  publicSlug: text("public_slug").notNull(),
  // The förbund's own rule for the two severities: shown on the report form, the analysis page and in Bilaga 6.
  severeDefinition: text("severe_definition").notNull()
    .default("Allvarliga avvikelser avser situationer som riskerar få konsekvenser för individ(er). Exempelvis när individen riskerar att inte få tillgång till det samordnade stöd som behövs för att personen ska nå egen (eller få rätt) försörjning."),
  minorDefinition: text("minor_definition").notNull()
    .default("Mindre allvarliga avvikelser avser brister i samverkan utan risk för direkta konsekvenser för individen."),
  // Automatic retention runs only while an admin's acceptance of the dry run holds for the current retention months.
  retentionAcceptedBy: uuid("retention_accepted_by").references(() => users.id, { onDelete: "set null" }),
  retentionAcceptedByLabel: text("retention_accepted_by_label"),
  retentionAcceptedAt: timestamp("retention_accepted_at", { withTimezone: true }),
  retentionAcceptedMonths: integer("retention_accepted_months"),
  // The day the weekly list of overdue party answers was last mailed to the staff.
  overdueListSentOn: date("overdue_list_sent_on", { mode: "string" }),
}, (t) => [uniqueIndex("deviation_settings_slug").on(t.publicSlug)]);
