/** Request augmentation: the signed-in user, or the user behind an API token. */
import "express-session";

/** nationell: the nationell läsare (NNS), an account with no förbund that reads only what förbund share nationally. */
export type Role = "superadmin" | "admin" | "koordinator" | "lasare" | "nationell";
export type CurrentUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  forbundId: string | null;
  forbundName: string | null;
  areaIds: string[];
  mustChangePassword: boolean;
};

/** A user of a förbund (not the platform's superadmin): what every förbund route's guard ensures. */
export type ForbundUser = CurrentUser & { forbundId: string };

/** Whether the user belongs to a förbund. */
export const isForbundUser = (user: CurrentUser): user is ForbundUser => user.forbundId !== null;

declare module "express-serve-static-core" {
  interface Request {
    user?: CurrentUser;
  }
}
declare module "express-session" {
  interface SessionData {
    userId?: string;
    flash?: string;
  }
}
