import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type IPollFunctions,
} from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { rawOutputOption, skillSelect, timezoneOption } from '../shared/descriptions';
import { redactOutput, toNodeError } from '../shared/nodeErrors';
import { parseOptions } from '../shared/options';
import { wolkvoxConnection, wolkvoxSecret } from '../shared/transport';
import { fetchWorkforceRows } from '../shared/workforce';
import { lastCompleteHourWindow, planPoll } from '../shared/wolkvox/polling';
import { parseSkillSelector } from '../shared/wolkvox/reports';
import { parseTimeZone } from '../shared/wolkvox/window';
import { searchSkills } from '../Wolkvox/listSearch/searchSkills';

const optionsSchema = z.object({
	timezone: z.string().optional(),
	rawOutput: z.boolean().optional(),
	settleMinutes: z.number().min(0).max(55).optional(),
});

interface TriggerState {
	/** Start of the first hour not emitted yet (ISO with offset). */
	nextHourStart?: string;
}

export class WolkvoxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Wolkvox Trigger',
		name: 'wolkvoxTrigger',
		icon: { light: 'file:../../icons/wolkvox.svg', dark: 'file:../../icons/wolkvox.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'Workforce per Hour',
		description:
			'Starts the workflow with the workforce rows of each hour once that hour is complete',
		defaults: { name: 'Wolkvox Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'wolkvoxApi', required: true }],
		properties: [
			{
				displayName:
					'Wolkvox is asked once per hour, a few minutes after the hour ends, whatever the poll times: each hour is emitted once, and each call costs one token.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			skillSelect,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					rawOutputOption,
					{
						displayName: 'Settling Time (Minutes)',
						name: 'settleMinutes',
						type: 'number',
						default: 5,
						typeOptions: { minValue: 0, maxValue: 55 },
						description:
							'How long after an hour ends to wait before fetching it, so Wolkvox has counted its last calls',
					},
					timezoneOption,
				],
			},
		],
	};

	methods = {
		listSearch: { searchSkills },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as TriggerState;
		try {
			const options = parseOptions(optionsSchema, this.getNodeParameter('options', {}));
			const zone = parseTimeZone(options.timezone || this.getTimezone());
			const settleMinutes = options.settleMinutes ?? 5;
			const skill = parseSkillSelector(
				this.getNodeParameter('skillId', 'all', { extractValue: true }),
			);
			const now = DateTime.now().setZone(zone);
			const manual = this.getMode() === 'manual';

			const cursor = state.nextHourStart
				? DateTime.fromISO(state.nextHourStart, { zone })
				: undefined;
			const plan = manual
				? { windows: [lastCompleteHourWindow(now, settleMinutes)], cursor, skipped: undefined }
				: planPoll(cursor, now, settleMinutes);
			if (plan.skipped) {
				this.logger.warn(
					`Wolkvox Trigger: hours from ${plan.skipped.start.toISO()} to ${plan.skipped.end.toISO()} were not fetched (more than a day behind)`,
				);
			}

			const rows =
				plan.windows.length === 0
					? []
					: await fetchWorkforceRows.call(
							this,
							await wolkvoxConnection.call(this),
							skill,
							plan.windows,
							{
								raw: options.rawOutput ?? false,
							},
						);
			// Only after a successful fetch: a failed poll leaves the hours for the next one.
			if (!manual && plan.cursor) state.nextHourStart = plan.cursor.toISO() ?? undefined;
			if (rows.length === 0) return null;
			const secret = await wolkvoxSecret.call(this);
			return [redactOutput(rows as IDataObject[], secret).map((json) => ({ json }))];
		} catch (error) {
			throw toNodeError(this.getNode(), error, 0, await wolkvoxSecret.call(this));
		}
	}
}
