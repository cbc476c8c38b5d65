import type { IExecuteFunctions, IPollFunctions } from 'n8n-workflow';
import { parameterSpec, type EndpointParameter, type EndpointSpec } from './wolkvox/spec';
import { parseDateParameter, parseRangePreset } from './wolkvox/time/dateParameters';
import { describeValue, WolkvoxInputError } from './wolkvox/api/errors';
import { checkQueryText } from './wolkvox/api/queryText';
import type { RangeRequest } from './wolkvox/time/planning';

/** Reads a parameter of the current item (the action) or of the node (the trigger, which has no items). */
export type ParameterReader = (name: string, fallback: unknown) => unknown;

export function itemParameters(this: IExecuteFunctions, itemIndex: number): ParameterReader {
	return (name, fallback) =>
		this.getNodeParameter(name, itemIndex, fallback, { extractValue: true });
}

export function nodeParameters(this: IPollFunctions): ParameterReader {
	return (name, fallback) => this.getNodeParameter(name, fallback, { extractValue: true });
}

/** The value of an extra parameter as Wolkvox reads it, or undefined when an optional one is empty. */
function parameterValue(read: ParameterReader, param: EndpointParameter): string | undefined {
	const spec = parameterSpec(param.wire);
	const hint = param.all ? `Use "all", or: ${spec.patternHint}` : spec.patternHint;
	const value = read(spec.name, '');
	const text =
		typeof value === 'number' && Number.isSafeInteger(value)
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: undefined;
	// A number field's default 0 means "not set" (e.g. the skill's own service-level threshold).
	const unset = text === '' || (spec.wholeNumber === true && value === 0);
	if (unset && !param.required) return undefined;
	if (text === '' || text === undefined) {
		throw new WolkvoxInputError(
			spec.name,
			text === ''
				? `${spec.label} is required`
				: `${spec.label} ${describeValue(value)} is not valid`,
			hint,
		);
	}
	if (param.all && text.toLowerCase() === 'all') return 'all';
	if (param.choices) {
		const choice = param.choices.find((candidate) => candidate.value === text.toLowerCase());
		if (choice) return choice.value;
		throw new WolkvoxInputError(
			spec.name,
			`${spec.label} ${describeValue(value)} is not valid`,
			`Use one of: ${param.choices
				.filter((candidate) => candidate.value !== '')
				.map((candidate) => `${candidate.name} (${candidate.value})`)
				.join(', ')}.`,
		);
	}
	if (!spec.pattern.test(text))
		throw new WolkvoxInputError(
			spec.name,
			`${spec.label} ${describeValue(value)} is not valid`,
			hint,
		);
	return checkQueryText(spec.name, spec.label, text);
}

/** The query of a report without its dates: `api` and every extra parameter, each checked. */
export function readReportQuery(
	read: ParameterReader,
	endpoint: EndpointSpec,
): Record<string, string> {
	const query: Record<string, string> = { api: endpoint.api };
	for (const param of endpoint.params ?? []) {
		const value = parameterValue(read, param);
		if (value !== undefined) query[param.wire] = value;
	}
	return query;
}

/** The "Range" of a dated report: a preset at `nowMs`, or Start and End Date read in `zone`. */
export function readRangeRequest(read: ParameterReader, zone: string, nowMs: number): RangeRequest {
	const preset = parseRangePreset(read('range', undefined));
	if (preset !== 'custom') return { preset, now: nowMs };
	return {
		preset,
		start: parseDateParameter(read('startDate', undefined), zone, 'startDate'),
		end: parseDateParameter(read('endDate', undefined), zone, 'endDate'),
	};
}
