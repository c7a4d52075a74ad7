// The messages of the admin, auth and report API, as valibot schemas: the OpenAPI document is
// generated from them (openapi.ts), as it is from the record contract's sync messages.
import * as v from 'valibot';

export const RoleSchema = v.picklist(['tester', 'unitHead', 'admin']);

export const UserSchema = v.object({
  id: v.string(),
  username: v.string(),
  displayName: v.optional(v.string()),
  role: RoleSchema,
  unitIds: v.array(v.string()),
  disabled: v.optional(v.boolean()),
});

/** startsOn: the unit's own start date (YYYY-MM-DD); plan periods wholly before it are 免測 (issue 13). */
const StartsOnSchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/), v.description("the unit's own start date: plan periods wholly before it are 免測"));
export const UnitSchema = v.object({ id: v.string(), name: v.string(), phone: v.optional(v.string()), startsOn: v.optional(StartsOnSchema) });

export const QuarterSchema = v.object({
  key: v.pipe(v.string(), v.metadata({ examples: ['115-Q4'] })),
  closed: v.boolean(),
  closedAt: v.optional(v.string()),
  closedBy: v.optional(v.string()),
  /** Draft tests the server holds in the quarter (absent when none): the admin is warned before closing. */
  drafts: v.optional(v.pipe(v.number(), v.integer())),
});

export const AuditEntrySchema = v.object({
  at: v.string(),
  actor: v.string(),
  action: v.string(),
  target: v.optional(v.string()),
  detail: v.optional(v.string()),
});

export const SessionSchema = v.object({ user: v.nullable(UserSchema), csrfToken: v.optional(v.string()) });

export const LoginBodySchema = v.object({ username: v.string(), password: v.string() });
export const FirstAdminBodySchema = v.object({ token: v.string(), username: v.string(), password: v.pipe(v.string(), v.minLength(10)), displayName: v.optional(v.string()) });
export const CreateUnitBodySchema = v.object({ name: v.string(), phone: v.optional(v.string()), startsOn: v.optional(StartsOnSchema) });
export const UnitStartBodySchema = v.object({ startsOn: v.nullable(StartsOnSchema) });
export const CreateUserBodySchema = v.object({
  username: v.string(),
  password: v.pipe(v.string(), v.minLength(10)),
  role: RoleSchema,
  unitIds: v.optional(v.array(v.string())),
  displayName: v.optional(v.string()),
});
export const ReasonBodySchema = v.object({ reason: v.string() });
export const PurgeBodySchema = v.object({ before: v.pipe(v.string(), v.description('ISO date (Taipei midnight) or date-time')) });
export const PurgeResultSchema = v.object({ purged: v.number() });
export const AcknowledgementBodySchema = v.object({ testId: v.string(), comment: v.optional(v.string()), correctiveAction: v.optional(v.string()) });
export const SetupStatusSchema = v.object({ needsFirstAdmin: v.boolean() });
