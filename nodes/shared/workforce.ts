import type { IDataObject } from 'n8n-workflow';
import { wolkvoxGet, type CallGroup, type WolkvoxFunctions } from './transport';
import { REPORTS_MANAGER_PATH, workforcePerHourQuery, type SkillSelector } from './wolkvox/reports';
import { parseWorkforceRows, rawWorkforceRows, type WorkforceRow } from './wolkvox/rows';
import type { WolkvoxConnection } from './wolkvox/server';
import type { WallClockWindow } from './wolkvox/wallClock';

/**
 * Workforce-per-hour rows of several windows, in window order. The windows are requested together
 * and the per-token limiter decides how many run at once; one failing window fails the whole call,
 * so a caller never sees a partial range, and the windows that have not started yet never start
 * (each would cost a token for rows that are thrown away).
 */
export async function fetchWorkforceRows(
	this: WolkvoxFunctions,
	connection: WolkvoxConnection,
	skill: SkillSelector,
	windows: WallClockWindow[],
	output: { raw: boolean },
): Promise<Array<WorkforceRow | IDataObject>> {
	const group: CallGroup = { failed: false };
	const windowRows = async (window: WallClockWindow) => {
		const rows = await wolkvoxGet.call(
			this,
			connection,
			REPORTS_MANAGER_PATH,
			workforcePerHourQuery(skill, window),
			group,
		);
		return output.raw
			? (rawWorkforceRows(rows, connection.host) as IDataObject[])
			: parseWorkforceRows(rows, window, connection.host);
	};
	const perWindow = await Promise.all(
		windows.map(async (window) => {
			const rows = windowRows(window);
			rows.catch(() => (group.failed = true));
			return await rows;
		}),
	);
	// Array.prototype.flat is slow on 60,000 rows; one window (the usual case) needs no copy at all.
	return perWindow.length === 1 ? perWindow[0] : perWindow.reduce<Array<WorkforceRow | IDataObject>>((all, rows) => all.concat(rows), []);
}
