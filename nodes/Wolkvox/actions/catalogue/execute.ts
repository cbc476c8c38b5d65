import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';
import { parseOptions } from '../../../shared/options';
import { readRangeRequest } from '../../../shared/rangeParameters';
import { wolkvoxConnection } from '../../../shared/transport';
import { fetchRangeRows } from '../../../shared/rangeRows';
import {
	apiPath,
	parameterSpec,
	splittableField,
	type EndpointParameter,
	type EndpointSpec,
} from '../../../shared/wolkvox/catalogue';
import { describeValue, WolkvoxInputError } from '../../../shared/wolkvox/errors';
import { reportWindows } from '../../../shared/wolkvox/reportWindows';
import { rowTyper } from '../../../shared/wolkvox/typing';
import { parseTimeZone } from '../../../shared/wolkvox/dateParameters';
import type { WallClockWindow } from '../../../shared/wolkvox/wallClock';
import { windowQuery } from '../../../shared/wolkvox/wolkvoxDates';
import { catalogueOptions } from './description';

const optionsSchema = z.object({
	timezone: z.string().optional(),
	rawOutput: z.boolean().optional(),
});

/** The value of an extra parameter as Wolkvox reads it, or undefined when an optional one is empty. */
function parameterValue(
	this: IExecuteFunctions,
	itemIndex: number,
	param: EndpointParameter,
): string | undefined {
	const spec = parameterSpec(param.wire);
	const value = this.getNodeParameter(spec.name, itemIndex, '', { extractValue: true });
	const text =
		typeof value === 'number' && Number.isSafeInteger(value)
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: undefined;
	if (text === '' && !param.required) return undefined;
	if (text === '' || text === undefined) {
		throw new WolkvoxInputError(
			spec.name,
			text === ''
				? `${spec.label} is required`
				: `${spec.label} ${describeValue(value)} is not valid`,
			spec.patternHint,
		);
	}
	if (param.all && text.toLowerCase() === 'all') return 'all';
	if (!spec.pattern.test(text))
		throw new WolkvoxInputError(
			spec.name,
			`${spec.label} ${describeValue(value)} is not valid`,
			param.all ? `Use "all", or: ${spec.patternHint}` : spec.patternHint,
		);
	return text;
}

/** Rows as sent; anything that is not an object (never documented) is wrapped so it can be an item. */
function rawRows(rows: unknown[]): IDataObject[] {
	return rows.map((row) =>
		typeof row === 'object' && row !== null && !Array.isArray(row)
			? (row as IDataObject)
			: { value: row as IDataObject[keyof IDataObject] },
	);
}

/**
 * Any catalogue endpoint for one input item: every parameter and the range are checked before a
 * token is spent, then the one request (or the windows of a dated report) is made and its rows typed
 * by the spec's field kinds.
 */
export async function getCatalogueReport(
	this: IExecuteFunctions,
	itemIndex: number,
	endpoint: EndpointSpec,
): Promise<IDataObject[]> {
	const options = parseOptions(
		optionsSchema,
		this.getNodeParameter('options', itemIndex, {}),
		catalogueOptions,
	);
	const zone = parseTimeZone(options.timezone || this.getTimezone());
	const query: Record<string, string> = { api: endpoint.api };
	for (const param of endpoint.params ?? []) {
		const value = parameterValue.call(this, itemIndex, param);
		if (value !== undefined) query[param.wire] = value;
	}
	const windows: Array<WallClockWindow | undefined> = endpoint.maxRangeDays
		? reportWindows(readRangeRequest.call(this, itemIndex, zone), zone, endpoint.maxRangeDays)
		: [undefined];
	const nested = splittableField(endpoint.fields);
	const splitField =
		nested && this.getNodeParameter('splitNestedRows', itemIndex, true) === true
			? nested
			: undefined;
	const connection = await wolkvoxConnection.call(this);

	const readRows = options.rawOutput
		? rawRows
		: (rowTyper(endpoint.fields, { zone, splitField }) as (rows: unknown[]) => IDataObject[]);
	return await fetchRangeRows(
		this,
		connection,
		apiPath(endpoint.file),
		windows.map((window) => ({
			window,
			query: window ? { ...query, ...windowQuery(window) } : query,
		})),
		readRows,
	);
}
