-- The number asked, typed per insamling (issue 16): the response rate's denominator where no invitations tell it.
ALTER TABLE "collections" ADD COLUMN "asked" integer;--> statement-breakpoint
ALTER TABLE "collections" ADD CONSTRAINT "collections_asked_not_negative" CHECK ("asked" is null or "asked" >= 0);
