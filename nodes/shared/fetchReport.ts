import type { IDataObject } from 'n8n-workflow';
import { wolkvoxConnection, wolkvoxGet, type CallGroup, type WolkvoxFunctions } from './transport';
import { apiPath, type EndpointSpec } from './wolkvox/spec';
import type { ReportRowReader } from './wolkvox/report';
import type { TypedRow } from './wolkvox/typing/typing';
import type { WallClockWindow } from './wolkvox/time/wallClock';
import { windowQuery } from './wolkvox/time/wolkvoxDates';

/**
 * The one way any report is fetched, by the node and the trigger alike: one request per window
 * (one request without dates for a report that takes none), each answer read by `readRows` for
 * its window, rows in window order. The requests start together and the per-token limiter decides
 * how many run at once; one failing window fails the whole call, so a caller never sees a partial
 * range, and the windows that have not started yet never start (each would cost a token for rows
 * that are thrown away).
 */
export async function fetchReport(
	functions: WolkvoxFunctions,
	endpoint: EndpointSpec,
	query: Record<string, string>,
	windows: ReadonlyArray<WallClockWindow | undefined>,
	readRows: ReportRowReader,
): Promise<IDataObject[]> {
	if (windows.length === 0) return [];
	const connection = await wolkvoxConnection.call(functions);
	const group: CallGroup = { failed: false };
	const perWindow = await Promise.all(
		windows.map(async (window) => {
			const rows = (wolkvoxGet<TypedRow>).call(
				functions,
				connection,
				apiPath(endpoint.file),
				window ? { ...query, ...windowQuery(window) } : query,
				group,
				(rows, answer) => readRows(rows, window, answer),
			);
			rows.catch(() => (group.failed = true));
			return await rows;
		}),
	);
	// Array.prototype.flat is slow on 60,000 rows; one window (the usual case) needs no copy at all.
	const rows =
		perWindow.length === 1 ? perWindow[0] : perWindow.reduce((all, more) => all.concat(more));
	// Typed rows hold what JSON holds, and what typing made of it: numbers, texts, lists, null.
	return rows as IDataObject[];
}
