import type { INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';
import type { z } from 'zod';
import { describeValue, WolkvoxInputError } from './wolkvox/api/errors';

type Choice = INodeProperties | INodePropertyCollection | INodePropertyOptions;

/** The labels the editor shows along an option's path, e.g. "Staffing Check (Erlang C) → Target → Service Level (%)". */
function labelOf(collection: INodeProperties, path: Array<string | number>): string {
	const labels: string[] = [];
	let choices: Choice[] | undefined = collection.options;
	for (const segment of path) {
		if (typeof segment === 'number') continue; // an entry of a multiple-values collection
		const choice = choices?.find((candidate) => candidate.name === segment);
		if (!choice) break;
		if ('displayName' in choice) labels.push(choice.displayName);
		choices = 'values' in choice ? choice.values : 'options' in choice ? choice.options : undefined;
	}
	return labels.join(' → ') || collection.displayName;
}

/** What the value must be, in our words (never the schema library's text). */
function requirement(issue: z.ZodIssue): string {
	switch (issue.code) {
		case 'invalid_type':
			if (issue.expected === 'number') return 'a number';
			if (issue.expected === 'boolean') return 'true or false';
			if (issue.expected === 'string') return 'text';
			return 'filled in as the editor offers it';
		case 'too_small':
			return `${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
		case 'too_big':
			return `${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}`;
		default:
			return 'one of the values the editor offers';
	}
}

function valueAt(value: unknown, path: Array<string | number>): unknown {
	let current = value;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string | number, unknown>)[segment];
	}
	return current;
}

/**
 * Checks a node's "Options" collection against its schema; a bad value is named by the labels the
 * user sees in `collection` (the collection's own description), with what it must be.
 */
export function parseOptions<Schema extends z.ZodTypeAny>(
	schema: Schema,
	value: unknown,
	collection: INodeProperties,
): z.output<Schema> {
	const parsed = schema.safeParse(value ?? {});
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const label = labelOf(collection, issue.path);
	const received = valueAt(value ?? {}, issue.path);
	const shown = received === undefined ? '' : ` ${describeValue(received)}`;
	throw new WolkvoxInputError(
		issue.path.join('.') || collection.name,
		`${label}${shown} is not valid: it must be ${requirement(issue)}`,
		`Change "${label}" under "${collection.displayName}", or the expression that sets it.`,
	);
}
