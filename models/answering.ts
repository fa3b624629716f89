/**
 * Insamlingar, anonymous responses and invitations. Anonymity by construction: a response row has
 * no account, address, user agent or time of day, and invitations have no link to responses.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas, forbund, interventions } from "./organisation.js";

export const collectionStatus = pgEnum("collection_status", ["utkast", "oppen", "stangd"]);

export const collections = pgTable("collections", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  questionnaireId: text("questionnaire_id").notNull(),
  questionnaireVersion: integer("questionnaire_version").notNull(),
  // The definition as it was when the insamling opened: old answers keep the wording they were given under.
  definition: jsonb("definition").notNull(),
  year: integer("year").notNull(),
  name: text("name").notNull(),
  interventionId: uuid("intervention_id").references(() => interventions.id, { onDelete: "set null" }),
  areaId: uuid("area_id").references(() => areas.id, { onDelete: "set null" }),
  respondentGroup: text("respondent_group"),
  opensOn: date("opens_on", { mode: "string" }),
  closesOn: date("closes_on", { mode: "string" }),
  languages: jsonb("languages").$type<string[]>().notNull().default(["sv"]),
  // Whether the start page offers one question per page first (a respondent can still choose either way).
  onePerPage: boolean("one_per_page").notNull().default(false),
  status: collectionStatus("status").notNull().default("utkast"),
  // The day the insamling was closed by hand (status stängd); invitation addresses are deleted N days after it.
  closedOn: date("closed_on", { mode: "string" }),
  // Short, unguessable public address /e/<slug>.
  slug: text("slug").notNull(),
  // Days after closing when invitation addresses are deleted automatically (null: förbund default).
  invitationRetentionDays: integer("invitation_retention_days"),
  // Days after an invitation when its one automatic reminder goes out (null: none; server/jobs/).
  autoReminderDays: integer("auto_reminder_days"),
  // How many were asked, typed by staff (a paper list, a group's size): the response rate's denominator (null: unknown).
  asked: integer("asked"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex("collections_slug").on(t.slug), index("collections_forbund_year").on(t.forbundId, t.year),
  check("collections_asked_not_negative", sql`${t.asked} is null or ${t.asked} >= 0`),
]);

export const responses = pgTable("responses", {
  id: uuid("id").primaryKey().defaultRandom(),
  collectionId: uuid("collection_id").notNull().references(() => collections.id, { onDelete: "cascade" }),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  // Only the date, never the time of day.
  answeredOn: date("answered_on", { mode: "string" }).notNull(),
  language: text("language").notNull().default("sv"),
  finished: boolean("finished").notNull().default(false),
  answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
  // Random value carried by the form: a double click or a resent page cannot store the answer twice.
  submissionKey: text("submission_key"),
  // sha256 of the respondent's own resume link, so an unfinished response can be continued.
  resumeTokenHash: text("resume_token_hash"),
  // In the insamling's released snapshot: results count only these. A snapshot is released when at least
  // k finished answers wait (trigger in migration 0012), so two readings of the figures never differ by
  // fewer than k answers and no one's answers can be read off the difference.
  released: boolean("released").notNull().default(false),
}, (t) => [
  // counts per insamling, finished or not (results read only the unfinished ones here: the finished are in response_tallies)
  index("responses_collection").on(t.collectionId, t.finished, t.answeredOn),
  uniqueIndex("responses_submission_key").on(t.submissionKey),
  uniqueIndex("responses_resume_token").on(t.resumeTokenHash),
  // the finished answers still waiting for the next snapshot (a few per insamling)
  index("responses_unreleased").on(t.collectionId).where(sql`finished and not released`),
  // the released answers by id: free text is read in id ranges, a part at a time (results/repo.ts texts)
  index("responses_released").on(t.collectionId, t.id).where(sql`finished and released`),
]);

/**
 * Answers that arrived through a personal invitation, held apart from `responses` until at least k of
 * them wait: then they are moved into `responses` in shuffled order, in the same transaction as their
 * invitations are marked answered (server/answering/held.ts). A database reader can then narrow an
 * invitation down to no fewer than k answers. Nothing here names the invitation.
 */
export const heldResponses = pgTable("held_responses", {
  id: uuid("id").primaryKey().defaultRandom(),
  collectionId: uuid("collection_id").notNull().references(() => collections.id, { onDelete: "cascade" }),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  answeredOn: date("answered_on", { mode: "string" }).notNull(),
  language: text("language").notNull().default("sv"),
  answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
}, (t) => [index("held_responses_collection").on(t.collectionId)]);

/**
 * "This invitation has answered, not yet released": an HMAC of the invitation's id under a key kept
 * outside the database, so a database reader cannot tell which invitation a mark belongs to, while the
 * server can (to say "you have already answered" and to mark the invitations at release).
 */
export const heldInvitationMarks = pgTable("held_invitation_marks", {
  collectionId: uuid("collection_id").notNull().references(() => collections.id, { onDelete: "cascade" }),
  mark: text("mark").notNull(),
}, (t) => [primaryKey({ columns: [t.collectionId, t.mark] })]);

/**
 * Counts per insamling, question and value over the finished responses, kept up to date by triggers
 * on `responses` (migration 0009_response_tallies): every write path is covered, and results read a
 * few hundred rows instead of the answers. question '' value '' = finished responses; value '' =
 * answered (a non-empty text, comment or "Annat"; a non-empty multi choice); other values only for
 * questions with fixed values (scales, ja/nej, option codes; a multi choice one row per chosen code),
 * never free text. Nothing about a respondent: no id, no date, no time; rows whose count falls to 0 are deleted.
 */
export const responseTallies = pgTable("response_tallies", {
  collectionId: uuid("collection_id").notNull(),
  question: text("question").notNull(),
  value: text("value").notNull(),
  n: bigint("n", { mode: "number" }).notNull(),
}, (t) => [primaryKey({ columns: [t.collectionId, t.question, t.value] })]);

/**
 * The answer keys of each insamling's definition that response_tallies counts, and how ('value',
 * 'multi', 'text'): kept by a trigger on collections, so that counting a write reads a few rows
 * instead of parsing the definition's JSON on every statement.
 */
export const collectionTallyKeys = pgTable("collection_tally_keys", {
  collectionId: uuid("collection_id").notNull().references(() => collections.id, { onDelete: "cascade" }),
  key: text("key").notNull(),
  mode: text("mode").notNull(),
}, (t) => [primaryKey({ columns: [t.collectionId, t.key] })]);

export const invitations = pgTable("invitations", {
  id: uuid("id").primaryKey().defaultRandom(),
  collectionId: uuid("collection_id").notNull().references(() => collections.id, { onDelete: "cascade" }),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  // Deleted (set null) when the insamling closes or after the retention period.
  email: text("email"),
  tokenHash: text("token_hash").notNull(),
  // Only sha256 is stored, so a reminder cannot repeat the first link: it carries a new one, and both keep working.
  reminderTokenHash: text("reminder_token_hash"),
  // Only "answered or not", so that reminders go to the right people; never which response.
  answered: boolean("answered").notNull().default(false),
  sentOn: date("sent_on", { mode: "string" }),
  remindedOn: date("reminded_on", { mode: "string" }),
}, (t) => [
  uniqueIndex("invitations_token").on(t.tokenHash),
  uniqueIndex("invitations_reminder_token").on(t.reminderTokenHash),
  index("invitations_collection").on(t.collectionId),
]);
