/** Request augmentation: the signed-in user, or the user behind an API token. */
import "express-session";

export type Role = "superadmin" | "admin" | "koordinator" | "lasare";
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
