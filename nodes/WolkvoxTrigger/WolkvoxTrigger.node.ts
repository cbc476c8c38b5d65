import {
	NodeConnectionTypes,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { rawOutputOption, timezoneOption } from '../shared/descriptions';
import { fetchReport } from '../shared/fetchReport';
import { toNodeError } from '../shared/nodeErrors';
import { parseOptions } from '../shared/options';
import { nodeParameters, readReportQuery } from '../shared/reportParameters';
import { wolkvoxSecret } from '../shared/transport';
import { endpointOf, type EndpointSpec } from '../shared/wolkvox/catalogue';
import { parseTimeZone } from '../shared/wolkvox/dateParameters';
import { rangeLimitOf } from '../shared/wolkvox/limits';
import { completeUntil } from '../shared/wolkvox/planning';
import {
	planPoll,
	PollGuard,
	SETTLE_MINUTES,
	readPollCursor,
	writePollCursor,
	type PollState,
} from '../shared/wolkvox/polling';
import { reportRows } from '../shared/wolkvox/report';
import { formatWallClock, type WallClockWindow } from '../shared/wolkvox/wallClock';
import { listSearch } from '../shared/listSearch/searchLists';
import { wolkvoxApiTest } from '../shared/credentialTest';
import { reportDescription } from '../Wolkvox/actions/description';

const WORKFORCE_PER_HOUR = endpointOf('report', 'getWorkforcePerHour') as EndpointSpec;

const optionsSchema = z.object({
	timezone: z.string().optional(),
	rawOutput: z.boolean().optional(),
	settleMinutes: z.number().min(SETTLE_MINUTES.min).max(SETTLE_MINUTES.max).optional(),
});

/** One per process: overlapping polls of the same trigger never emit an hour twice. */
const pollGuard = new PollGuard();

/** Its default is also what a poll uses when the option is not set. */
const settleMinutesOption = {
	displayName: 'Settling Time (Minutes)',
	name: 'settleMinutes',
	type: 'number',
	default: 5,
	typeOptions: { minValue: SETTLE_MINUTES.min, maxValue: SETTLE_MINUTES.max },
	description:
		'How long after an hour ends to wait before fetching it, so Wolkvox has counted its last calls',
} satisfies INodeProperties;

const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [rawOutputOption, settleMinutesOption, timezoneOption],
};

/** The skill picker of Workforce per Hour, as the action shows it, without the action's conditions. */
const skillSelect: INodeProperties = {
	...(reportDescription.find(
		(property) =>
			property.name === 'skillId' &&
			property.displayOptions?.show?.operation?.includes(WORKFORCE_PER_HOUR.operation),
	) as INodeProperties),
	displayOptions: undefined,
};

export class WolkvoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox Trigger',
		name: 'wolkvoxTrigger',
		icon: { light: 'file:../../icons/wolkvox.svg', dark: 'file:../../icons/wolkvox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Workforce per Hour',
		// n8n's nodes panel shows Wolkvox and Wolkvox Trigger as one "Wolkvox" entry and gives that
		// entry the trigger's description (useActionsGeneration: "default to trigger description"),
		// so this text describes the entry: the reports and the trigger.
		description:
			'Get Wolkvox contact-centre reports, or start a workflow as each hour of workforce figures completes',
		defaults: { name: 'Wolkvox Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wolkvoxApi', required: true, testedBy: 'wolkvoxApiTest' }],
		properties: [
			{
				displayName:
					'Wolkvox is asked once per hour, a few minutes after the hour ends, whatever the poll times: each hour is emitted once, and each call costs one token.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			skillSelect,
			triggerOptions,
		],
	};

	methods = {
		listSearch,
		credentialTest: { wolkvoxApiTest },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		try {
			const options = parseOptions(
				optionsSchema,
				this.getNodeParameter('options', {}),
				triggerOptions,
			);
			const zone = parseTimeZone(options.timezone || this.getTimezone());
			const settleMinutes = options.settleMinutes ?? settleMinutesOption.default;
			const query = readReportQuery(nodeParameters.call(this), WORKFORCE_PER_HOUR);
			// luxon's clock, which tests set.
			const nowMs = DateTime.now().toMillis();
			const readRows = reportRows(WORKFORCE_PER_HOUR, {
				zone,
				rawOutput: options.rawOutput ?? false,
				nowMs,
			});
			const fetchRows = async (windows: WallClockWindow[]) =>
				await fetchReport(this, WORKFORCE_PER_HOUR, query, windows, readRows);
			// The rows come with the token blanked out (transport.ts).
			const asItems = (rows: INodeExecutionData['json'][]) =>
				rows.length === 0 ? null : [rows.map((json) => ({ json }))];

			if (this.getMode() === 'manual') {
				const until = completeUntil(nowMs, zone, settleMinutes);
				return asItems(await fetchRows([{ start: until.minus({ hours: 1 }), end: until, zone }]));
			}

			const key = `${this.getWorkflow().id ?? ''}:${this.getNode().id}:${zone}`;
			return await pollGuard.exclusive(key, async () => {
				const state = this.getWorkflowStaticData('node') as PollState;
				const cursor = pollGuard.cursor(key, readPollCursor(state, zone));
				const plan = planPoll(
					cursor,
					nowMs,
					zone,
					settleMinutes,
					rangeLimitOf(WORKFORCE_PER_HOUR.maxRangeDays ?? 1),
				);
				if (plan.skipped) {
					this.logger.warn(
						`Wolkvox Trigger: wall-clock hours from ${formatWallClock(plan.skipped.start)} to ${formatWallClock(plan.skipped.end)} (${zone}) were not fetched (more than a day behind)`,
					);
				}
				const rows = await fetchRows(plan.windows);
				// Only after a successful fetch: a failed poll leaves the hours for the next one.
				writePollCursor(state, plan.cursor);
				pollGuard.emitted(key, plan.cursor);
				return asItems(rows);
			});
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0, await wolkvoxSecret.call(this));
		}
	}
}
