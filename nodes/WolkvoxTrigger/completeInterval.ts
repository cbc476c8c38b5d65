import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { fetchReport } from '../shared/fetchReport';
import { parseOptions } from '../shared/options';
import { readReportOptions } from '../shared/reportOptions';
import { nodeParameters, readReportQuery } from '../shared/reportParameters';
import { parseTimeZone } from '../shared/wolkvox/time/dateParameters';
import { describeValue, WolkvoxInputError } from '../shared/wolkvox/api/errors';
import { completeUntil } from '../shared/wolkvox/time/planning';
import {
	cursorGuard,
	cursorIn,
	planPoll,
	readPollCursor,
	SETTLE_MINUTES,
	writePollCursor,
	type PollState,
} from '../shared/wolkvox/time/polling';
import { reportRows } from '../shared/wolkvox/report';
import { formatWallClock, type WallClockWindow } from '../shared/wolkvox/time/wallClock';
import { INTERVAL_REPORTS, intervalOptions, settleMinutesOption } from './description';

const settleSchema = z.object({
	settleMinutes: z.number().min(SETTLE_MINUTES.min).max(SETTLE_MINUTES.max).optional(),
});

/** One per process: overlapping polls of the same trigger never emit an interval twice. */
const guard = cursorGuard();

/**
 * The rows of each interval of the report that completed since the last poll, once: nothing to
 * fetch, no request. "Fetch Test Event" shows the last complete interval and moves nothing.
 */
export async function pollCompleteIntervals(this: IPollFunctions): Promise<IDataObject[]> {
	const report = this.getNodeParameter('report', INTERVAL_REPORTS[0].api);
	const endpoint = INTERVAL_REPORTS.find((candidate) => candidate.api === report);
	if (!endpoint?.interval)
		throw new WolkvoxInputError(
			'report',
			`Report ${describeValue(report)} is not one the trigger offers`,
			`Pick one of: ${INTERVAL_REPORTS.map((candidate) => candidate.title).join(', ')}.`,
		);
	const { minutes } = endpoint.interval;
	const optionValues = this.getNodeParameter('options', {});
	const options = readReportOptions(optionValues, endpoint, intervalOptions);
	const settleMinutes =
		parseOptions(settleSchema, optionValues, intervalOptions).settleMinutes ??
		settleMinutesOption.default;
	const zone = parseTimeZone(options.timezone || this.getTimezone());
	const query = readReportQuery(nodeParameters.call(this), endpoint);
	// luxon's clock, which tests set.
	const nowMs = DateTime.now().toMillis();
	const readRows = reportRows(endpoint, { ...options, zone, nowMs });
	const fetchRows = async (windows: WallClockWindow[]) =>
		await fetchReport(this, endpoint, query, windows, readRows);

	if (this.getMode() === 'manual') {
		const until = completeUntil(nowMs, zone, settleMinutes, minutes);
		return await fetchRows([{ start: until.minus({ minutes }), end: until, zone }]);
	}

	const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	return await guard.exclusive(key, async () => {
		const state = this.getWorkflowStaticData('node') as PollState;
		const cursor = guard.latest(key, readPollCursor(state, zone));
		const plan = planPoll(cursor && cursorIn(cursor, zone), nowMs, zone, settleMinutes, minutes);
		if (plan.skipped) {
			this.logger.warn(
				`Wolkvox Trigger: ${endpoint.title} from ${formatWallClock(plan.skipped.start)} to ${formatWallClock(plan.skipped.end)} (${zone}) was not fetched (more than a day behind)`,
			);
		}
		const rows = await fetchRows(plan.windows);
		// Only after a successful fetch: a failed poll leaves the intervals for the next one.
		const next = { wall: plan.cursor, zone };
		writePollCursor(state, next);
		guard.reach(key, next);
		return rows;
	});
}
