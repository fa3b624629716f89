/**
 * Every route of the app on one screen: the api stack (Bearer tokens, JSON), the respondent stack
 * (anonymous answering: no session, no cookie) and the browser stack (sessions, CSRF). "+ forbundWide":
 * a förbund-wide output, refused to a koordinator scoped to kommunområden (http/scope.ts).
 */
import type { Ctx } from "./context.js";
import type { Route } from "./http/route.js";
import { healthRoutes } from "./health/routes.js";
import { accountRoutes } from "./accounts/routes.js";
import { ssoRoutes } from "./sso/routes.js";
import { startRoutes } from "./start/routes.js";
import { organisationApiRoutes, organisationRoutes } from "./organisation/routes.js";
import { tokenRoutes } from "./tokens/routes.js";
import { usersRoutes } from "./users/routes.js";
import { outboxRoutes } from "./outbox/routes.js";
import { auditRoutes } from "./audit/routes.js";
import { platformApiRoutes, platformRoutes } from "./platform/routes.js";
import { collectionsApiRoutes, collectionsRoutes } from "./collections/routes.js";
import { answeringApiRoutes, answeringRoutes, languagePagesRoutes } from "./answering/routes.js";
import { deviationsApiRoutes, deviationsRoutes } from "./deviations/routes.js";
import { importApiRoutes, importRoutes } from "./import/routes.js";
import { resultsApiRoutes, resultsRoutes } from "./results/routes.js";
import { goalApiRoutes, goalRoutes } from "./goals/routes.js";
import { attendanceApiRoutes, attendanceRoutes } from "./attendance/routes.js";
import { interventionReportsApiRoutes, interventionReportsRoutes } from "./interventionreports/routes.js";
import { movementsRoutes, socioeconomicsApiRoutes, socioeconomicsRoutes } from "./socioeconomics/routes.js";
import { reportsApiRoutes, reportsRoutes } from "./reports/routes.js";
import { questionnairesApiRoutes, questionnairesRoutes } from "./questionnaires/routes.js";
import { jobsRoutes } from "./jobs/routes.js";
import { apiDocsRoutes } from "./apidocs/routes.js";
import { groupsApiRoutes, groupsRoutes } from "./groups/routes.js";
import { sharedInterventionsApiRoutes, sharedInterventionsRoutes } from "./sharedinterventions/routes.js";
import { aggregatesApiRoutes } from "./aggregates/routes.js";

export function apiRoutes(ctx: Ctx): Route[] {
  return [
    ...organisationApiRoutes(ctx), // GET /api/v1/organisation            api
    ...collectionsApiRoutes(ctx),  // /api/v1/collections/*                 api (koordinator+ to change)
    ...answeringApiRoutes(ctx),    // /api/v1/collections/:id/responses|import  api
    ...deviationsApiRoutes(ctx),   // /api/v1/deviations/*                  api
    ...importApiRoutes(ctx),       // POST /api/v1/collections/:id/import   apiKoordinator
    ...resultsApiRoutes(ctx),      // /api/v1/collections/:id/results api; /api/v1/results  api + forbundWide
    ...goalApiRoutes(ctx),         // GET /api/v1/goals api + forbundWide; POST /api/v1/goals, PUT /api/v1/goals/:id  apiAdmin
    ...attendanceApiRoutes(ctx),   // POST /api/v1/attendance apiKoordinator, GET /api/v1/attendance/summary api
    ...interventionReportsApiRoutes(ctx), // POST /api/v1/intervention-reports apiKoordinator, GET api
    ...socioeconomicsApiRoutes(ctx), // PUT /api/v1/interventions/:id/funding/:year apiAdmin, GET /api/v1/reports/:year/statistik api + forbundWide
    ...reportsApiRoutes(ctx),      // GET /api/v1/reports/:year/:bilaga, /api/v1/reports/:year?format=zip  api + forbundWide
    ...questionnairesApiRoutes(ctx), // GET /api/v1/questionnaires(/:id) api, POST/PUT and /:id/publish apiKoordinator
    ...groupsApiRoutes(ctx),       // POST /api/v1/platform/groups apiSuperadmin; PUT /api/v1/sharing/* apiAdmin; GET /api/v1/groups/:id/comparison api + forbundWide; GET /api/v1/national/indicators apiNational
    ...sharedInterventionsApiRoutes(ctx), // GET /api/v1/shared-interventions(/:id/:year) api + forbundWide; POST …/:id/cofunders, …/:id/accept apiAdmin
    ...aggregatesApiRoutes(ctx),   // GET /api/v1/aggregates/:year apiAdmin; POST /api/v1/platform/aggregates apiSuperadmin
    ...platformApiRoutes(ctx),     // POST /api/v1/platform/forbund, /api/v1/platform/forbund/:id/tokens apiSuperadmin
    ...apiDocsRoutes(ctx, apiRoutes), // GET /api/v1/openapi.json, /api/v1/docs (this table described)  public
  ];
}

export function browserRoutes(ctx: Ctx): Route[] {
  return [
    ...startRoutes(ctx),        // /, /start                                public, account
    ...accountRoutes(ctx),      // /login, /logout, /konto/*                public, account
    ...ssoRoutes(ctx),          // /login/sso/:provider(/callback), /utloggad  public; /anvandare/inloggning  admin
    ...organisationRoutes(ctx), // /organisation/*                          signedIn (read), admin (edit)
    ...tokenRoutes(ctx),        // /api-nycklar/*                           account (a superadmin or nationell läsare without förbund has its own keys)
    ...usersRoutes(ctx),        // /anvandare/*                             admin
    ...outboxRoutes(ctx),       // /utkorg/*                                admin
    ...auditRoutes(ctx),        // /logg                                    admin
    ...platformRoutes(ctx),     // /plattform/*                             superadmin
    ...jobsRoutes(ctx),         // /jobb admin; /plattform/jobb             superadmin
    ...collectionsRoutes(ctx),  // /insamlingar/*                           signedIn, koordinator
    ...deviationsRoutes(ctx),   // /avvikelser/* (staff), /a/* (public form and follow-up)  koordinator, public
    ...importRoutes(ctx),       // /insamlingar/:id/import                  koordinator
    ...resultsRoutes(ctx),      // /resultat/* signedIn (/resultat/ar* + forbundWide)
    ...goalRoutes(ctx),         // /mal signedIn + forbundWide, /mal/* admin
    ...attendanceRoutes(ctx),   // /narvaro (signedIn), /narvaro/ny, /narvaro/:id  koordinator
    ...interventionReportsRoutes(ctx), // /insatsrapporter/*                koordinator
    ...socioeconomicsRoutes(ctx), // /statistik, /statistik/bilaga (signedIn + forbundWide), forms  admin
    ...movementsRoutes(ctx),      // /stegforflyttning(/nyckeltal|/:id) signedIn; matrix koordinator, nyckeltal admin
    ...reportsRoutes(ctx),        // /bilagor, /bilagor/:year/:file (bilaga or alla.zip)  signedIn + forbundWide
    ...questionnairesRoutes(ctx), // /enkater (signedIn: read, preview), /enkater/* editing  koordinator
    ...languagePagesRoutes(ctx),  // /sprak, /sprak/:code/ord(.xlsx|/xlsx): respondents' languages and the förbund's own words  admin
    ...groupsRoutes(ctx),         // /plattform/forbundsgrupper superadmin; /forbundsgrupper, /forbundsgrupper/:id/jamforelse(/fil) signedIn + forbundWide, sharing admin; /nationellt national
    ...sharedInterventionsRoutes(ctx), // /delade-insatser(/:id) signedIn + forbundWide; invite, withdraw, accept  admin
  ];
}

/** The anonymous answering pages: mounted before the session, so a respondent gets no cookie at all. */
export function respondentRoutes(ctx: Ctx): Route[] {
  return [
    ...answeringRoutes(ctx),    // /e/:slug/* (public answering)            public
  ];
}

export function plainRoutes(ctx: Ctx, isReady: () => boolean): Route[] {
  return healthRoutes(ctx, isReady); // /healthz, /readyz                   public
}
