/**
 * Mål (goals) for måluppfyllelse: a förbund's goals for a year. A goal is either a computed rule
 * (metric, comparison, threshold, questions) over the answers of one questionnaire — optionally
 * only one insats or kommunområde —, over the year's närvaro, or over an insats's insatsrapporter;
 * or a verdict set by hand with a comment.
 */
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { areas, forbund, interventions } from "./organisation.js";

export const goalManualVerdict = pgEnum("goal_manual_verdict", ["uppfyllt", "delvis_uppfyllt", "ej_uppfyllt"]);

/**
 * The stored form of a computed rule (server/goals/rules.pure.ts GoalRule); shares as fractions, 0.7 = 70 %.
 * The survey metrics name questions of the goal's questionnaire; shareToWorkOrStudies (from the
 * insatsrapporter of the goal's insats), attendance (närvaro of every grupp), deviationReports
 * (the year's count of avvikelser, a whole number) and positiveMovements (people with a positive
 * movement in the year's matrices, of the goal's insats or all) have no questionnaire and an empty `questions`.
 */
export type StoredGoalRule = {
  metric: "sharePositive" | "shareYes" | "mean" | "median" | "shareToWorkOrStudies" | "attendance" | "deviationReports" | "positiveMovements";
  comparison: ">=" | ">";
  threshold: number;
  questions: string[];
};

export const goals = pgTable("goals", {
  id: uuid("id").primaryKey().defaultRandom(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  year: integer("year").notNull(),
  text: text("text").notNull(),
  // Scope: the questionnaire the rule's questions belong to, and optionally one insats and/or kommunområde.
  // No cascade on insats/kommunområde: deleting one that a goal names is refused rather than widening the goal.
  questionnaireId: text("questionnaire_id"),
  interventionId: uuid("intervention_id").references(() => interventions.id),
  areaId: uuid("area_id").references(() => areas.id),
  rule: jsonb("rule").$type<StoredGoalRule>(),
  manualVerdict: goalManualVerdict("manual_verdict"),
  comment: text("comment").notNull().default(""),
  sortOrder: integer("sort_order").notNull().default(0),
  // Set on the default goals (ensureDefaultGoals), so that creating them twice creates nothing.
  defaultKey: text("default_key"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index("goals_forbund_year").on(t.forbundId, t.year, t.sortOrder),
  uniqueIndex("goals_default_key").on(t.forbundId, t.year, t.defaultKey),
  check("goals_rule_or_verdict", sql`(${t.rule} is null) <> (${t.manualVerdict} is null)`),
]);
