ALTER TABLE "collections" ADD COLUMN "one_per_page" boolean DEFAULT false NOT NULL;
