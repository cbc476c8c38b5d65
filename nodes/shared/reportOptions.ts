import type { INodeProperties } from 'n8n-workflow';
import { z } from 'zod';
import { rawOutputOption, timezoneOption } from './descriptions';
import { parseOptions } from './options';
import type { EndpointSpec } from './wolkvox/spec';
import type { StaffingTarget } from './wolkvox/staffing/erlang';
import { WolkvoxInputError } from './wolkvox/api/errors';
import { MAX_SPLIT_RANGE_DAYS } from './wolkvox/api/limits';
import { STAFFING_TARGET_FIELDS as TARGET } from './wolkvox/staffing/staffing';

/**
 * The "Options" of a report, the editor's collection and the check of a run side by side: which
 * options a report offers follows from its spec (every report: Raw Output and Time Zone; dated
 * reports: Split Long Range; interval reports with calls and handle time: Staffing Check).
 */

/** Rows keyed by time of day only: one request must not hold a time of day twice. */
export function isTimeOfDayReport(endpoint: EndpointSpec): boolean {
	return endpoint.interval !== undefined && endpoint.interval.dateField === undefined;
}

function splitLongRangeOption(endpoint: EndpointSpec): INodeProperties {
	const days = endpoint.maxRangeDays ?? 1;
	const perRequest = days === 1 ? '24 hours' : `${days} days`;
	const windows = isTimeOfDayReport(endpoint)
		? 'one request per wall-clock day, cut at midnight, so every row is dated'
		: `consecutive requests of at most ${perRequest}`;
	return {
		displayName: 'Split Long Range',
		name: 'splitLongRange',
		type: 'boolean',
		default: false,
		description: `Whether to fetch a range longer than ${perRequest} (up to ${MAX_SPLIT_RANGE_DAYS} days) as ${windows}. Each request costs one Wolkvox token.`,
	};
}

const staffingCheckOption: INodeProperties = {
	displayName: 'Staffing Check (Erlang C)',
	name: 'staffingCheck',
	type: 'fixedCollection',
	default: {},
	placeholder: 'Add Staffing Target',
	description:
		'Your service target. Each row then gets the agents Erlang C requires over the interval\'s real length: erlang_agents_required, erlang_agents_scheduled (with shrinkage), erlang_service_level, erlang_occupancy and erlang_agent_hours. Not available with "Raw Output".',
	options: [
		{
			displayName: 'Target',
			name: 'target',
			values: [
				{
					displayName: 'Answered Within (Seconds)',
					name: 'answerWithinSeconds',
					type: 'number',
					default: 20,
					typeOptions: {
						minValue: TARGET.answerWithinSeconds.min,
						maxValue: TARGET.answerWithinSeconds.max,
					},
					description: 'How soon a call must be answered to count toward "Service Level (%)"',
				},
				{
					displayName: 'Caller Patience (Seconds)',
					name: 'patienceSeconds',
					type: 'number',
					default: 0,
					typeOptions: {
						minValue: TARGET.patienceSeconds.min,
						maxValue: TARGET.patienceSeconds.max,
					},
					description:
						'How long callers wait on average before they hang up. Set it (0 = not set) to also get Erlang A figures, which count abandoned calls: erlang_a_agents_required, erlang_a_service_level, erlang_a_abandon_rate and erlang_a_average_speed_of_answer_seconds.',
				},
				{
					displayName: 'Maximum Occupancy (%)',
					name: 'maxOccupancyPercent',
					type: 'number',
					default: 85,
					typeOptions: {
						minValue: TARGET.maxOccupancyPercent.min,
						maxValue: TARGET.maxOccupancyPercent.max,
					},
					description: 'Highest share of time agents may spend on calls',
				},
				{
					displayName: 'Service Level (%)',
					name: 'serviceLevelPercent',
					type: 'number',
					default: 80,
					typeOptions: {
						minValue: TARGET.serviceLevelPercent.min,
						maxValue: TARGET.serviceLevelPercent.max,
						numberPrecision: 1,
					},
					description: 'Share of calls to answer within "Answered Within (Seconds)"',
				},
				{
					displayName: 'Shrinkage (%)',
					name: 'shrinkagePercent',
					type: 'number',
					default: 30,
					typeOptions: {
						minValue: TARGET.shrinkagePercent.min,
						maxValue: TARGET.shrinkagePercent.max,
					},
					description: 'Share of paid time agents are not available (breaks, training, absence)',
				},
			],
		},
	],
};

/** The options a report offers, in the editor's (alphabetical) order. */
export function reportOptionList(endpoint: EndpointSpec): INodeProperties[] {
	return [
		rawOutputOption,
		...(endpoint.maxRangeDays ? [splitLongRangeOption(endpoint)] : []),
		...(endpoint.staffing ? [staffingCheckOption] : []),
		timezoneOption,
	];
}

const withinBounds = ({ min, max }: { min: number; max: number }) => z.number().min(min).max(max);

const staffingTargetSchema = z
	.object({
		serviceLevelPercent: withinBounds(TARGET.serviceLevelPercent),
		answerWithinSeconds: withinBounds(TARGET.answerWithinSeconds),
		maxOccupancyPercent: withinBounds(TARGET.maxOccupancyPercent),
		shrinkagePercent: withinBounds(TARGET.shrinkagePercent),
		// 0 is the editor's "not set"; saved workflows of 0.2.0 have no such field.
		patienceSeconds: z.union([z.literal(0), withinBounds(TARGET.patienceSeconds)]).optional(),
	})
	.transform(
		(target): StaffingTarget => ({
			serviceLevel: target.serviceLevelPercent / 100,
			answerWithinSeconds: target.answerWithinSeconds,
			maxOccupancy: target.maxOccupancyPercent / 100,
			shrinkage: target.shrinkagePercent / 100,
			...(target.patienceSeconds ? { patienceSeconds: target.patienceSeconds } : {}),
		}),
	);

const optionsSchema = z.object({
	timezone: z.string().optional(),
	rawOutput: z.boolean().optional(),
	splitLongRange: z.boolean().optional(),
	staffingCheck: z.object({ target: staffingTargetSchema.optional() }).optional(),
});

export interface ReportOptions {
	timezone?: string;
	rawOutput: boolean;
	splitLongRange: boolean;
	staffing?: StaffingTarget;
}

/**
 * The options of one run, checked against what the report offers (`collection`: its "Options" as
 * the editor shows them, so a bad value is named by its label).
 */
export function readReportOptions(
	value: unknown,
	endpoint: EndpointSpec,
	collection: INodeProperties,
): ReportOptions {
	const options = parseOptions(optionsSchema, value, collection);
	const staffing = endpoint.staffing ? options.staffingCheck?.target : undefined;
	if (staffing && options.rawOutput) {
		throw new WolkvoxInputError(
			'staffingCheck',
			'Staffing Check (Erlang C) needs typed rows, and Raw Output is on',
			'Turn off "Raw Output", or remove "Staffing Check (Erlang C)" from the options.',
		);
	}
	return {
		timezone: options.timezone,
		rawOutput: options.rawOutput ?? false,
		splitLongRange: (endpoint.maxRangeDays !== undefined && options.splitLongRange) || false,
		staffing,
	};
}
