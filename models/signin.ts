/** How a förbund's staff sign in: whether single sign-on is required, and the domains whose staff get an account at their first sign-in. */
import { boolean, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { forbund } from "./organisation.js";

/** One row per förbund that has changed a setting; no row means passwords and single sign-on both work. */
export const signInSettings = pgTable("sign_in_settings", {
  forbundId: uuid("forbund_id").primaryKey().references(() => forbund.id, { onDelete: "cascade" }),
  // the förbund's accounts (its superadmin excepted) sign in only through single sign-on
  requireSso: boolean("require_sso").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A domain whose verified addresses get an account (läsare) in the förbund at their first single sign-on. The domain is
 * the key: one domain leads to one förbund, so an address never has to choose.
 */
export const ssoJitDomains = pgTable("sso_jit_domains", {
  domain: text("domain").primaryKey(),
  forbundId: uuid("forbund_id").notNull().references(() => forbund.id, { onDelete: "cascade" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index("sso_jit_domains_forbund").on(t.forbundId)]);
