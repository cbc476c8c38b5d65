import { wolkvoxGet, type CallGroup, type WolkvoxFunctions } from './transport';
import type { IDataObject } from 'n8n-workflow';
import { REPORTS_MANAGER_PATH, workforcePerHourQuery, type SkillSelector } from './wolkvox/reports';
import { parseWorkforceRows, rawWorkforceRows } from './wolkvox/rows';
import type { WolkvoxConnection } from './wolkvox/server';
import type { WallClockWindow } from './wolkvox/wallClock';

/** One request of a range: the window it covers (none for a report without dates) and its query. */
export interface WindowRequest<Window> {
	window: Window;
	query: Record<string, string>;
}

/**
 * The rows of every request of one range, read by `readRows`, in window order (generic, so the n8n functions are a parameter rather
 * than `this`). The requests start together and the per-token limiter decides how many run at
 * once; one failing window fails the whole call, so a caller never sees a partial range, and the
 * windows that have not started yet never start (each would cost a token for rows that are thrown
 * away).
 */
export async function fetchRangeRows<Window, Row>(
	functions: WolkvoxFunctions,
	connection: WolkvoxConnection,
	path: string,
	requests: Array<WindowRequest<Window>>,
	readRows: (rows: unknown[], window: Window) => Row[],
): Promise<Row[]> {
	const group: CallGroup = { failed: false };
	const perWindow = await Promise.all(
		requests.map(async ({ window, query }) => {
			const rows = (wolkvoxGet<Row>).call(functions, connection, path, query, group, (rows) =>
				readRows(rows, window),
			);
			rows.catch(() => (group.failed = true));
			return await rows;
		}),
	);
	// Array.prototype.flat is slow on 60,000 rows; one window (the usual case) needs no copy at all.
	return perWindow.length === 1
		? perWindow[0]
		: perWindow.reduce<Row[]>((all, rows) => all.concat(rows), []);
}

/** Workforce-per-hour (skill_5) rows of several windows of one skill selection, read by `readRows`. */
export async function fetchWorkforceRows<Row>(
	functions: WolkvoxFunctions,
	connection: WolkvoxConnection,
	skill: SkillSelector,
	windows: WallClockWindow[],
	readRows: (rows: unknown[], window: WallClockWindow, host: string) => Row[],
): Promise<Row[]> {
	return await fetchRangeRows(
		functions,
		connection,
		REPORTS_MANAGER_PATH,
		windows.map((window) => ({ window, query: workforcePerHourQuery(skill, window) })),
		(rows, window) => readRows(rows, window, connection.host),
	);
}

/** How a window's rows become items: typed (hour_start, interval_seconds, _unparsed) or as sent. */
export const WORKFORCE_ROWS = {
	typed: parseWorkforceRows,
	raw: (rows: unknown[], _window: WallClockWindow, host: string) =>
		rawWorkforceRows(rows, host) as IDataObject[],
};
