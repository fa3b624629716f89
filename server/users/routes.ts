/** User administration for the förbund's admin: list, invite, edit, deactivate, invite again. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, type FieldErrors, seeOther } from "../http/forms.js";
import { forbundOf, userOf } from "../http/guards.js";
import * as accounts from "../accounts/service.js";
import * as organisation from "../organisation/service.js";
// eslint-disable-next-line no-restricted-syntax -- users/ is the admin pages of accounts/: the account forms are accounts' own
import { editUserForm, idParam, inviteForm } from "../accounts/schema.js";
import { asList, roleChoices, userView, usersView } from "./present.js";

export function usersRoutes(ctx: Ctx): Route[] {
  const areasOf = async (req: Request) => (await organisation.getOrganisation(ctx, forbundOf(req))).areas;
  const listPage = async (req: Request) => {
    const areas = await areasOf(req);
    return { title: "Användare", users: usersView(await accounts.listUsers(ctx, forbundOf(req)), areas), areas, roleChoices };
  };
  const editPage = async (req: Request, id: string) => {
    const areas = await areasOf(req);
    const person = userView(await accounts.getUser(ctx, forbundOf(req), id), areas);
    return { title: `Ändra ${person.name || person.email}`, person, areas, roleChoices, isSelf: person.id === userOf(req).id };
  };
  const invalidInvite = async (req: Request, errors: FieldErrors) =>
    ({ ...(await listPage(req)), errors, values: { ...req.body, areaIds: asList(req.body?.areaIds) } });

  return [
    get("/anvandare", "admin", async (req, res) => {
      res.render("users/index", { ...(await listPage(req)), errors: {}, values: { areaIds: [] } });
    }),
    post("/anvandare", "admin", async (req, res) => {
      const form = parseForm(inviteForm, req.body);
      if (!form.ok) return res.status(422).render("users/index", await invalidInvite(req, form.errors));
      const result = await accounts.inviteUserFromForm(ctx, userOf(req), forbundOf(req), form.data);
      if (!result.ok) return res.status(422).render("users/index", await invalidInvite(req, result.errors));
      req.session.flash = `En inbjudan är skickad till ${result.user.email}.`;
      await seeOther(req, res, "/anvandare");
    }),
    get("/anvandare/:id", "admin", async (req, res) => {
      const page = await editPage(req, parseParams(idParam, req.params).id);
      res.render("users/edit", { ...page, errors: {}, values: page.person });
    }),
    post("/anvandare/:id", "admin", async (req, res) => {
      const { id } = parseParams(idParam, req.params);
      const form = parseForm(editUserForm, req.body);
      if (!form.ok) return renderInvalid(res, "users/edit", form.errors, { ...req.body, areaIds: asList(req.body?.areaIds) }, await editPage(req, id));
      await accounts.updateUser(ctx, userOf(req), forbundOf(req), id, form.data);
      req.session.flash = "Ändringarna är sparade.";
      await seeOther(req, res, "/anvandare");
    }),
    post("/anvandare/:id/inaktivera", "admin", async (req, res) => {
      const { id } = parseParams(idParam, req.params);
      await accounts.setActive(ctx, userOf(req), forbundOf(req), id, false);
      req.session.flash = "Kontot är inaktiverat och utloggat.";
      await seeOther(req, res, `/anvandare/${id}`);
    }),
    post("/anvandare/:id/aktivera", "admin", async (req, res) => {
      const { id } = parseParams(idParam, req.params);
      await accounts.setActive(ctx, userOf(req), forbundOf(req), id, true);
      req.session.flash = "Kontot är aktiverat igen.";
      await seeOther(req, res, `/anvandare/${id}`);
    }),
    post("/anvandare/:id/ny-inbjudan", "admin", async (req, res) => {
      const { id } = parseParams(idParam, req.params);
      await accounts.resendInvitation(ctx, userOf(req), forbundOf(req), id);
      req.session.flash = "En ny inbjudan är skickad.";
      await seeOther(req, res, `/anvandare/${id}`);
    }),
  ];
}
