/** Organisation pages: the overview for every role, the edit pages for admins, and the organisation API. */
import type { Request } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, refusedStatus, renderInvalid, seeOther } from "../http/forms.js";
import { forbundOf, userOf } from "../http/guards.js";
import * as organisation from "./service.js";
import {
  areaView, groupFormValues, groupKindChoices, interventionFormValues, interventionKindChoices, organisationJson, organisationView,
} from "./present.js";
import { areaForm, groupForm, idParam, interventionForm, newUnitForm, partyForm, settingsForm, unitForm } from "./schema.js";

export function organisationRoutes(ctx: Ctx): Route[] {
  const org = async (req: Request) => organisationView(await organisation.getOrganisation(ctx, forbundOf(req)));
  const id = (req: Request) => parseParams(idParam, req.params).id;
  const typedName = (req: Request) => ({ name: req.body?.name ?? "" });

  const areasPage = async (req: Request) => ({ title: "Kommunområden", areas: (await org(req)).areas });
  const areaPage = async (req: Request, areaId: string) =>
    ({ title: "Ändra kommunområde", area: areaView(await organisation.getArea(ctx, forbundOf(req), areaId)) });
  const partiesPage = async (req: Request) => ({ title: "Parter och enheter", parties: (await org(req)).parties });
  const partyPage = async (req: Request, partyId: string) =>
    ({ title: "Ändra part", party: await organisation.getParty(ctx, forbundOf(req), partyId) });
  const unitPage = async (req: Request, unitId: string) =>
    ({ title: "Ändra enhet", unit: await organisation.getUnit(ctx, forbundOf(req), unitId) });
  const interventionsPage = async (req: Request) => {
    const o = await org(req);
    return { title: "Insatser", interventions: o.interventions, areas: o.areas, kindChoices: interventionKindChoices };
  };
  const interventionPage = async (req: Request, interventionId: string) => ({
    title: "Ändra insats", intervention: await organisation.getIntervention(ctx, forbundOf(req), interventionId),
    areas: (await org(req)).areas, kindChoices: interventionKindChoices,
  });
  const groupsPage = async (req: Request) => {
    const o = await org(req);
    return { title: "Grupper", groups: o.groups, areas: o.areas, parties: o.parties, kindChoices: groupKindChoices };
  };
  const groupPage = async (req: Request, groupId: string) => {
    const o = await org(req);
    return { title: "Ändra grupp", group: await organisation.getGroup(ctx, forbundOf(req), groupId), areas: o.areas, parties: o.parties, kindChoices: groupKindChoices };
  };

  return [
    get("/organisation", "signedIn", async (req, res) => {
      res.render("organisation/index", { title: "Organisation", org: await org(req) });
    }),

    // Kommunområden
    get("/organisation/kommunomraden", "admin", async (req, res) => {
      res.render("organisation/areas", { ...(await areasPage(req)), errors: {}, values: {} });
    }),
    post("/organisation/kommunomraden", "admin", async (req, res) => {
      const form = parseForm(areaForm, req.body);
      const saved = form.ok ? await organisation.addArea(ctx, userOf(req), forbundOf(req), form.data.name) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/areas", saved.errors, typedName(req), await areasPage(req));
      req.session.flash = `Kommunområdet ${saved.name} är tillagt.`;
      await seeOther(req, res, "/organisation/kommunomraden");
    }),
    get("/organisation/kommunomraden/:id", "admin", async (req, res) => {
      const page = await areaPage(req, id(req));
      res.render("organisation/area", { ...page, errors: {}, values: { name: page.area.name } });
    }),
    post("/organisation/kommunomraden/:id", "admin", async (req, res) => {
      const areaId = id(req), form = parseForm(areaForm, req.body);
      const saved = form.ok ? await organisation.renameArea(ctx, userOf(req), forbundOf(req), areaId, form.data.name) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/area", saved.errors, typedName(req), await areaPage(req, areaId));
      req.session.flash = `Kommunområdet heter nu ${saved.name}.`;
      await seeOther(req, res, "/organisation/kommunomraden");
    }),
    post("/organisation/kommunomraden/:id/ta-bort", "admin", async (req, res) => {
      const areaId = id(req);
      const done = await organisation.deleteArea(ctx, userOf(req), forbundOf(req), areaId);
      if (!done.ok) {
        const page = await areaPage(req, areaId);
        return res.status(refusedStatus(done)).render("organisation/area", { ...page, errors: done.errors, values: { name: page.area.name } });
      }
      req.session.flash = `Kommunområdet ${done.name} är borttaget.`;
      await seeOther(req, res, "/organisation/kommunomraden");
    }),

    // Parter och enheter
    get("/organisation/parter", "admin", async (req, res) => {
      res.render("organisation/parties", { ...(await partiesPage(req)), errors: {}, values: {} });
    }),
    post("/organisation/parter", "admin", async (req, res) => {
      const form = parseForm(partyForm, req.body);
      const saved = form.ok ? await organisation.addParty(ctx, userOf(req), forbundOf(req), form.data.name) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/parties", saved.errors, typedName(req), await partiesPage(req));
      req.session.flash = `Parten ${saved.name} är tillagd.`;
      await seeOther(req, res, "/organisation/parter");
    }),
    get("/organisation/parter/:id", "admin", async (req, res) => {
      const page = await partyPage(req, id(req));
      res.render("organisation/party", { ...page, errors: {}, values: { name: page.party.name, unitName: "" } });
    }),
    post("/organisation/parter/:id", "admin", async (req, res) => {
      const partyId = id(req), form = parseForm(partyForm, req.body);
      const saved = form.ok ? await organisation.renameParty(ctx, userOf(req), forbundOf(req), partyId, form.data.name) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/party", saved.errors, { ...typedName(req), unitName: "" }, await partyPage(req, partyId));
      req.session.flash = `Parten heter nu ${saved.name}.`;
      await seeOther(req, res, "/organisation/parter");
    }),
    post("/organisation/parter/:id/enheter", "admin", async (req, res) => {
      const partyId = id(req), form = parseForm(newUnitForm, req.body);
      const saved = form.ok ? await organisation.addUnit(ctx, userOf(req), forbundOf(req), partyId, form.data.unitName) : form;
      if (!saved.ok) {
        const page = await partyPage(req, partyId);
        // The service names the field "name"; on this page the new unit's field is "unitName".
        const errors = { unitName: saved.errors.unitName ?? saved.errors.name };
        return renderInvalid(res, "organisation/party", errors, { name: page.party.name, unitName: req.body?.unitName ?? "" }, page);
      }
      req.session.flash = `Enheten ${saved.name} är tillagd.`;
      await seeOther(req, res, `/organisation/parter/${partyId}`);
    }),
    get("/organisation/enheter/:id", "admin", async (req, res) => {
      const page = await unitPage(req, id(req));
      res.render("organisation/unit", { ...page, errors: {}, values: { name: page.unit.name } });
    }),
    post("/organisation/enheter/:id", "admin", async (req, res) => {
      const page = await unitPage(req, id(req)), form = parseForm(unitForm, req.body);
      const saved = form.ok ? await organisation.renameUnit(ctx, userOf(req), forbundOf(req), page.unit.id, form.data.name) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/unit", saved.errors, typedName(req), page);
      req.session.flash = `Enheten heter nu ${saved.name}.`;
      await seeOther(req, res, `/organisation/parter/${page.unit.partyId}`);
    }),
    post("/organisation/enheter/:id/ta-bort", "admin", async (req, res) => {
      const page = await unitPage(req, id(req));
      const done = await organisation.deleteUnit(ctx, userOf(req), forbundOf(req), page.unit.id);
      if (!done.ok) return res.status(refusedStatus(done)).render("organisation/unit", { ...page, errors: done.errors, values: { name: page.unit.name } });
      req.session.flash = `Enheten ${done.name} är borttagen.`;
      await seeOther(req, res, `/organisation/parter/${page.unit.partyId}`);
    }),

    // Insatser
    get("/organisation/insatser", "admin", async (req, res) => {
      res.render("organisation/interventions", { ...(await interventionsPage(req)), errors: {}, values: interventionFormValues({ kind: "individinriktad" }) });
    }),
    post("/organisation/insatser", "admin", async (req, res) => {
      const form = parseForm(interventionForm, req.body);
      const saved = form.ok ? await organisation.addIntervention(ctx, userOf(req), forbundOf(req), form.data) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/interventions", saved.errors, interventionFormValues(req.body), await interventionsPage(req));
      req.session.flash = `Insatsen ${saved.name} är tillagd.`;
      await seeOther(req, res, "/organisation/insatser");
    }),
    get("/organisation/insatser/:id", "admin", async (req, res) => {
      const page = await interventionPage(req, id(req));
      res.render("organisation/intervention", { ...page, errors: {}, values: interventionFormValues(page.intervention) });
    }),
    post("/organisation/insatser/:id", "admin", async (req, res) => {
      const page = await interventionPage(req, id(req)), form = parseForm(interventionForm, req.body);
      const saved = form.ok ? await organisation.updateIntervention(ctx, userOf(req), forbundOf(req), page.intervention.id, form.data) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/intervention", saved.errors, interventionFormValues(req.body), page);
      req.session.flash = `Insatsen ${saved.name} är sparad.`;
      await seeOther(req, res, "/organisation/insatser");
    }),

    // Grupper
    get("/organisation/grupper", "admin", async (req, res) => {
      res.render("organisation/groups", { ...(await groupsPage(req)), errors: {}, values: groupFormValues({}) });
    }),
    post("/organisation/grupper", "admin", async (req, res) => {
      const form = parseForm(groupForm, req.body);
      const saved = form.ok ? await organisation.addGroup(ctx, userOf(req), forbundOf(req), form.data) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/groups", saved.errors, groupFormValues(req.body), await groupsPage(req));
      req.session.flash = `Gruppen ${saved.name} är tillagd.`;
      await seeOther(req, res, "/organisation/grupper");
    }),
    get("/organisation/grupper/:id", "admin", async (req, res) => {
      const page = await groupPage(req, id(req));
      res.render("organisation/group", { ...page, errors: {}, values: groupFormValues(page.group) });
    }),
    post("/organisation/grupper/:id", "admin", async (req, res) => {
      const page = await groupPage(req, id(req)), form = parseForm(groupForm, req.body);
      const saved = form.ok ? await organisation.updateGroup(ctx, userOf(req), forbundOf(req), page.group.id, form.data) : form;
      if (!saved.ok) return renderInvalid(res, "organisation/group", saved.errors, groupFormValues(req.body), page);
      req.session.flash = `Gruppen ${saved.name} är sparad.`;
      await seeOther(req, res, "/organisation/grupper");
    }),

    // Förbundets inställningar
    get("/organisation/installningar", "admin", async (req, res) => {
      const values = await organisation.getSettings(ctx, forbundOf(req));
      res.render("organisation/settings", { title: "Inställningar för förbundet", errors: {}, values });
    }),
    post("/organisation/installningar", "admin", async (req, res) => {
      const form = parseForm(settingsForm, req.body);
      const typed = { name: req.body?.name ?? "", reportingThreshold: req.body?.reportingThreshold ?? "", outcomeThreshold: req.body?.outcomeThreshold ?? "" };
      if (!form.ok) return renderInvalid(res, "organisation/settings", form.errors, typed, { title: "Inställningar för förbundet" });
      await organisation.updateSettings(ctx, userOf(req), forbundOf(req), form.data);
      req.session.flash = "Inställningarna är sparade.";
      await seeOther(req, res, "/organisation");
    }),
  ];
}

export function organisationApiRoutes(ctx: Ctx): Route[] {
  return [
    get("/api/v1/organisation", "api", async (req, res) => {
      res.json(organisationJson(await organisation.getOrganisation(ctx, forbundOf(req))));
    }),
  ];
}
