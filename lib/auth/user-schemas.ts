/**
 * Validation for sign-in and user management, shared by the forms and the API routes.
 * Pure (zod only): safe in client components.
 */
import { z } from "zod";
import { ROLES } from "./permissions";

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(8, "Passwords need at least 8 characters.")
  .max(200, "Passwords are at most 200 characters.");

export const roleSchema = z.enum(ROLES, { error: `Role must be one of: ${ROLES.join(", ")}.` });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(200, "Passwords are at most 200 characters."),
});

export const createUserSchema = z.object({
  email: emailSchema,
  name: z.string().trim().max(100, "Names are at most 100 characters.").default(""),
  role: roleSchema,
  password: newPasswordSchema,
});

export const updateUserSchema = z
  .object({
    name: z.string().trim().max(100, "Names are at most 100 characters.").optional(),
    role: roleSchema.optional(),
    disabled: z.boolean({ error: "disabled must be true or false." }).optional(),
    password: newPasswordSchema.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change: send name, role, disabled or password." });

export const listUsersQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  q: z.string().trim().max(100).optional(),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.infer<typeof updateUserSchema>;
