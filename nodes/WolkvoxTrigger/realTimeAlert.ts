import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { fetchReport } from '../shared/fetchReport';
import { parseOptions } from '../shared/options';
import { nodeParameters, readReportQuery } from '../shared/reportParameters';
import {
	ALERT_VIEWS,
	pollAlerts,
	readAlertRule,
	readAlertState,
	type AlertState,
	type AlertViewName,
	type ConditionInput,
} from '../shared/wolkvox/alerts';
import { parseTimeZone } from '../shared/wolkvox/time/dateParameters';
import { describeValue, WolkvoxInputError } from '../shared/wolkvox/api/errors';
import { PollGuard } from '../shared/wolkvox/time/polling';
import { reportRows } from '../shared/wolkvox/report';
import { isoInZone } from '../shared/wolkvox/time/wallClock';
import { alertOptions, alertViewEndpoint } from './description';

const optionsSchema = z.object({ timezone: z.string().optional() });

/** One per process: overlapping polls of the same trigger never open or end an incident twice. */
const guard = new PollGuard<AlertState>((a, b) => a.revision > b.revision);

/** Where the alert's state lives in the node's static data. */
interface AlertStaticData {
	alerts?: unknown;
}

/**
 * One request to the view per poll; emits the incidents that open (and end, with Emit Resolved).
 * Every parameter is checked before the request. "Fetch Test Event" shows what a poll now would
 * emit and changes nothing.
 */
export async function pollRealTimeAlerts(this: IPollFunctions): Promise<IDataObject[]> {
	const view = this.getNodeParameter('view', 'skills') as AlertViewName;
	if (!Object.prototype.hasOwnProperty.call(ALERT_VIEWS, view))
		throw new WolkvoxInputError(
			'view',
			`View ${describeValue(view)} is not one the trigger watches`,
			'Pick Skills Now or Agents Now.',
		);
	const endpoint = alertViewEndpoint(view);
	const { condition = [] } = this.getNodeParameter('conditions', {}) as {
		condition?: ConditionInput[];
	};
	const rule = readAlertRule(
		{
			conditions: condition,
			forPolls: this.getNodeParameter('forPolls', 1),
			emitResolved: this.getNodeParameter('emitResolved', false),
		},
		ALERT_VIEWS[view],
		endpoint.fields,
	);
	const options = parseOptions(optionsSchema, this.getNodeParameter('options', {}), alertOptions);
	const zone = parseTimeZone(options.timezone || this.getTimezone());
	const query = readReportQuery(nodeParameters.call(this), endpoint);
	// luxon's clock, which tests set.
	const nowMs = DateTime.now().toMillis();
	const poll = async (state: AlertState | undefined) => {
		const readRows = reportRows(endpoint, { zone, rawOutput: false, nowMs });
		const rows = await fetchReport(this, endpoint, query, [undefined], readRows);
		// alert_since to the second, as Wolkvox's own times.
		return pollAlerts(rule, view, rows, state, isoInZone(zone, nowMs - (nowMs % 1000)));
	};

	const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
	const stored = this.getWorkflowStaticData('node') as AlertStaticData;
	if (this.getMode() === 'manual')
		return (await poll(guard.latest(key, readAlertState(stored.alerts)))).items as IDataObject[];
	return await guard.exclusive(key, async () => {
		const { items, state, changed } = await poll(guard.latest(key, readAlertState(stored.alerts)));
		// Only after a successful request: a failed poll changes nothing.
		if (changed) {
			stored.alerts = state;
			guard.reach(key, state);
		}
		// Typed rows hold what JSON holds: numbers, texts, null.
		return items as IDataObject[];
	});
}
