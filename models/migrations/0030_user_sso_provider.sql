-- The provider an account last signed in through (its name, as OIDC_NAME gives it): /anvandare shows how each
-- account signs in, and an account that has only ever used single sign-on is not "waiting for its invitation".
ALTER TABLE "users" ADD COLUMN "sso_provider" text;
