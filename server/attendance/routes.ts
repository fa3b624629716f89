/** Närvaro: the year's summary (/narvaro), the meeting form (/narvaro/ny, /narvaro/:id) and the API. */
import type { Request, Response } from "express";
import type { Ctx } from "../context.js";
import { get, post, type Route } from "../http/route.js";
import { parseForm, parseParams, renderInvalid, type FieldErrors, seeOther } from "../http/forms.js";
import { forbundOf, forbundUserOf } from "../http/guards.js";
import { ValidationError } from "../errors.js";
import * as attendance from "./service.js";
import * as goals from "../goals/service.js";
import { groupOptions, meetingRows, meetingValues, partyFieldsets, statusChoices, summaryJson, summaryPage } from "./present.js";
import { apiMeeting, apiYearQuery, attendanceFromForm, idParam, meetingForm, newQuery, yearQuery } from "./schema.js";
import { currentYear } from "../dates.js";
import { apiParse } from "../http/api.js";

type Body = Record<string, unknown>;
const bodyOf = (req: Request): Body => (req.body ?? {}) as Body;

export function attendanceRoutes(ctx: Ctx): Route[] {
  const id = (req: Request) => parseParams(idParam, req.params).id;

  /** Step one: which grupp (a GET form, so it works without JavaScript). */
  const choosePage = async (req: Request) => {
    const { groups } = await attendance.recordable(ctx, forbundUserOf(req));
    return { title: "Registrera möte", groupOptions: groupOptions(groups) };
  };
  /** Step two (and the edit page): the date, one radio group per party, and a note. */
  const formPage = async (req: Request, groupId: string, meetingId?: string, values: Body = {}) => {
    const user = forbundUserOf(req);
    if (meetingId) {
      const { meeting, org } = await attendance.getManaged(ctx, user, meetingId);
      const partyIds = attendance.meetingPartyIds(meeting, org);
      return { title: `Möte ${meeting.groupName} ${meeting.heldOn}`, groupName: meeting.groupName, meetingId, action: `/narvaro/${meetingId}`,
        statusChoices, parties: partyFieldsets(partyIds, org, attendanceFromForm(values)), year: meeting.heldOn.slice(0, 4) };
    }
    const { org, group } = await attendance.recordableGroup(ctx, user, groupId);
    return { title: `Registrera möte: ${group.name}`, groupName: group.name, meetingId: null, action: "/narvaro", statusChoices,
      parties: partyFieldsets(attendance.orderedPartyIds(group, org), org, attendanceFromForm(values)), year: null };
  };
  const invalid = async (req: Request, res: Response, errors: FieldErrors, groupId: string, meetingId?: string) =>
    renderInvalid(res, "attendance/form", errors, bodyOf(req), await formPage(req, groupId, meetingId, bodyOf(req)));

  return [
    get("/narvaro", "signedIn", async (req, res) => {
      const user = forbundUserOf(req);
      const year = yearQuery.parse(req.query).year ?? currentYear(ctx.clock);
      const [{ org, groups }, meetings] = await Promise.all([attendance.recordable(ctx, user), attendance.listMeetings(ctx, forbundOf(req), year)]);
      const s = await goals.attendanceSummary(ctx, forbundOf(req), year, meetings); // the threshold is the year's närvaro goal's
      const editable = new Set(groups.map((g) => g.id)); // empty for a läsare
      res.render("attendance/index", {
        title: `Närvaro ${year}`, year, page: summaryPage(s, org), goalId: s.goalId, canRecord: editable.size > 0,
        meetings: meetingRows(meetings, (m) => editable.has(m.groupId)),
      });
    }),
    get("/narvaro/ny", "koordinator", async (req, res) => {
      const { grupp } = newQuery.parse(req.query);
      if (!grupp) return res.render("attendance/choose", { ...(await choosePage(req)), errors: {}, values: {} });
      res.render("attendance/form", { ...(await formPage(req, grupp)), errors: {}, values: { groupId: grupp, note: "" } });
    }),
    post("/narvaro", "koordinator", async (req, res) => {
      const form = parseForm(meetingForm, bodyOf(req));
      const groupId = typeof req.body?.groupId === "string" ? req.body.groupId : "";
      if (!form.ok && form.errors.groupId) return renderInvalid(res, "attendance/choose", { grupp: form.errors.groupId }, {}, await choosePage(req));
      const saved = form.ok ? await attendance.createMeeting(ctx, forbundUserOf(req), { ...form.data, attendance: attendanceFromForm(bodyOf(req)) }) : form;
      if (!saved.ok) return invalid(req, res, saved.errors, groupId);
      req.session.flash = "Mötet och närvaron är sparade.";
      await seeOther(req, res, `/narvaro?year=${saved.year}`);
    }),
    get("/narvaro/:id", "koordinator", async (req, res) => {
      const { meeting } = await attendance.getManaged(ctx, forbundUserOf(req), id(req));
      const values = meetingValues(meeting);
      res.render("attendance/form", { ...(await formPage(req, meeting.groupId, meeting.id, values)), errors: {}, values });
    }),
    post("/narvaro/:id", "koordinator", async (req, res) => {
      const meetingId = id(req);
      const { meeting } = await attendance.getManaged(ctx, forbundUserOf(req), meetingId);
      const form = parseForm(meetingForm, { ...bodyOf(req), groupId: meeting.groupId });
      const saved = form.ok ? await attendance.updateMeeting(ctx, forbundUserOf(req), meetingId, { ...form.data, attendance: attendanceFromForm(bodyOf(req)) }) : form;
      if (!saved.ok) return invalid(req, res, saved.errors, meeting.groupId, meetingId);
      req.session.flash = "Ändringarna i mötet är sparade.";
      await seeOther(req, res, `/narvaro?year=${saved.year}`);
    }),
    post("/narvaro/:id/ta-bort", "koordinator", async (req, res) => {
      const meeting = await attendance.deleteMeeting(ctx, forbundUserOf(req), id(req));
      req.session.flash = `Mötet ${meeting.heldOn} i ${meeting.groupName} är borttaget.`;
      await seeOther(req, res, `/narvaro?year=${meeting.heldOn.slice(0, 4)}`);
    }),
  ];
}


export function attendanceApiRoutes(ctx: Ctx): Route[] {
  return [
    post("/api/v1/attendance", "apiKoordinator", async (req, res) => {
      const input = apiParse(apiMeeting, req.body);
      const saved = await attendance.createMeeting(ctx, forbundUserOf(req), input);
      if (!saved.ok) {
        throw new ValidationError(Object.values(saved.errors)[0], Object.entries(saved.errors).map(([path, message]) => ({ path, message })));
      }
      res.status(201).json({ id: saved.id });
    }),
    get("/api/v1/attendance/summary", "api", async (req, res) => {
      const year = apiParse(apiYearQuery, req.query, undefined, "(query)").year ?? currentYear(ctx.clock);
      res.json(summaryJson(await goals.attendanceSummary(ctx, forbundOf(req), year)));
    }),
  ];
}
