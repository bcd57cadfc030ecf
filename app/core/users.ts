// Forms for people and passwords, shared by the server (validation) and the pages.
import { z } from "zod";
import { ROLES } from "./roles";

export const PASSWORD_MIN = 12;
/** How long an invitation link works. */
export const INVITE_DAYS = 7;
export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(200, "Use at most 200 characters.");

const optionalId = z.preprocess(
  (v) => (v === "" || v == null ? null : v),
  z.coerce.number().int().positive().nullable(),
);

export const InviteSchema = z
  .object({
    name: z.string().trim().min(1, "Enter the person's name.").max(120),
    email: z.string().trim().toLowerCase().email("Enter a valid email address, like name@company.com."),
    role: z.enum(ROLES, { message: "Choose a role." }),
    clientId: optionalId,
  })
  .refine((v) => v.role !== "client_viewer" || v.clientId !== null, {
    path: ["clientId"],
    message: "Choose the client this person may see.",
  });

export const RoleChangeSchema = z
  .object({
    userId: z.coerce.number().int().positive(),
    role: z.enum(ROLES, { message: "Choose a role." }),
    clientId: optionalId,
  })
  .refine((v) => v.role !== "client_viewer" || v.clientId !== null, {
    path: ["clientId"],
    message: "Choose the client this person may see.",
  });

export const NewPasswordSchema = z
  .object({ password: PasswordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "The two passwords differ; type the same one twice.",
  });

export const ChangePasswordSchema = z
  .object({
    current: z.string().min(1, "Enter your current password."),
    password: PasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    message: "The two passwords differ; type the same one twice.",
  })
  .refine((v) => v.password !== v.current, {
    path: ["password"],
    message: "Choose a password different from the current one.",
  });
