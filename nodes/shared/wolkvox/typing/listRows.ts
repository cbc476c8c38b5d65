import type { ListRows } from '../spec';
import { AMBIGUOUS, UNPARSED } from './typing';

/** How much of a list to give: the first `limit` rows (all when undefined), simplified or whole. */
export interface ListCut {
	limit?: number;
	simplify: boolean;
}

/** `row` with only `fields` (in that order), and what it notes about them under `_unparsed` / `_ambiguous`. */
function simplifiedRow(row: Record<string, unknown>, fields: readonly string[]) {
	const kept: Record<string, unknown> = {};
	for (const field of fields) if (field in row) kept[field] = row[field];
	const unparsed = row[UNPARSED];
	if (typeof unparsed === 'object' && unparsed !== null) {
		const notes = Object.entries(unparsed).filter(([field]) => fields.includes(field));
		if (notes.length > 0) kept[UNPARSED] = Object.fromEntries(notes);
	}
	const ambiguous = row[AMBIGUOUS];
	if (Array.isArray(ambiguous)) {
		const names = ambiguous.filter((field) => fields.includes(field));
		if (names.length > 0) kept[AMBIGUOUS] = names;
	}
	return kept;
}

/**
 * The rows of a list as the user asked for them. The whole list comes in one answer (one token),
 * so cutting it spends nothing more and asks nothing again.
 */
export function cutList(
	rows: Array<Record<string, unknown>>,
	list: ListRows,
	cut: ListCut,
): Array<Record<string, unknown>> {
	const kept = cut.limit === undefined ? rows : rows.slice(0, cut.limit);
	const fields = cut.simplify ? list.simplified : undefined;
	return fields ? kept.map((row) => simplifiedRow(row, fields)) : kept;
}
