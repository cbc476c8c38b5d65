import { WolkvoxInputError } from './errors';

/** Half of a character beyond U+FFFF (an emoji, say) without its other half. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * `text`, checked to reach Wolkvox as it is in a query. A lone surrogate has no UTF-8 form, so the
 * request would carry another character (U+FFFD) in its place and ask another question: refused,
 * before any token is spent. `field` and `label` name the parameter; the value is never quoted.
 */
export function checkQueryText(field: string, label: string, text: string): string {
	if (LONE_SURROGATE.test(text))
		throw new WolkvoxInputError(
			field,
			`${label} contains half of a character (a lone UTF-16 surrogate)`,
			'Wolkvox would receive another character (U+FFFD) in its place. An expression probably cut an emoji or another character beyond U+FFFF in two: fix the expression.',
		);
	return text;
}
