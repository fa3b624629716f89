/**
 * Drizzle schema: every domain row belongs to a förbund. One file per area; this one gathers them for
 * Drizzle and drizzle-kit. A model file imports the tables it references from their own file, never from here.
 */
export * from "./organisation.js";
export * from "./accounts.js";
export * from "./answering.js";
export * from "./deviations.js";
export * from "./results.js";
export * from "./attendance.js";
export * from "./interventionreports.js";
export * from "./socioeconomics.js";
export * from "./questionnaires.js";
export * from "./reports.js";
export * from "./outbox.js";
export * from "./jobs.js";
export * from "./groups.js";
export * from "./signin.js";
export * from "./sharedinterventions.js";
export * from "./aggregates.js";
