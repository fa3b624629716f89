ALTER TABLE "invitations" ADD COLUMN "reminder_token_hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_reminder_token" ON "invitations" USING btree ("reminder_token_hash");