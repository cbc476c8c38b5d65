import type { z } from 'zod';
import { WolkvoxInputError } from './wolkvox/errors';

/** Checks a node's "Options" collection against its schema; a bad value names the option. */
export function parseOptions<Schema extends z.ZodTypeAny>(
	schema: Schema,
	value: unknown,
): z.output<Schema> {
	const parsed = schema.safeParse(value ?? {});
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = issue.path.join('.') || 'options';
	throw new WolkvoxInputError(
		field,
		`Option ${field} is not valid: ${issue.message}`,
		'Time Zone takes a zone name, switches take true or false, and numbers must be within the limits shown in the editor.',
	);
}
