import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { z } from 'zod';
import { parseOptions } from '../../../../shared/options';
import { readRangeRequest } from '../../../../shared/rangeParameters';
import { getWorkforcePerHourOptions } from './description';
import { wolkvoxConnection } from '../../../../shared/transport';
import { fetchWorkforceRows, WORKFORCE_ROWS } from '../../../../shared/rangeRows';
import { WolkvoxInputError } from '../../../../shared/wolkvox/errors';
import { parseSkillSelector } from '../../../../shared/wolkvox/reports';
import type { StaffingTarget } from '../../../../shared/wolkvox/erlang';
import {
	STAFFING_TARGET_FIELDS as TARGET,
	staffingCheck,
} from '../../../../shared/wolkvox/staffing';
import { parseTimeZone } from '../../../../shared/wolkvox/dateParameters';
import { endpointOf } from '../../../../shared/wolkvox/catalogue';
import { reportWindows } from '../../../../shared/wolkvox/reportWindows';

const withinBounds = ({ min, max }: { min: number; max: number }) => z.number().min(min).max(max);

const staffingTargetSchema = z
	.object({
		serviceLevelPercent: withinBounds(TARGET.serviceLevelPercent),
		answerWithinSeconds: withinBounds(TARGET.answerWithinSeconds),
		maxOccupancyPercent: withinBounds(TARGET.maxOccupancyPercent),
		shrinkagePercent: withinBounds(TARGET.shrinkagePercent),
	})
	.transform(
		(target): StaffingTarget => ({
			serviceLevel: target.serviceLevelPercent / 100,
			answerWithinSeconds: target.answerWithinSeconds,
			maxOccupancy: target.maxOccupancyPercent / 100,
			shrinkage: target.shrinkagePercent / 100,
		}),
	);

/** Its range limit is the spec's (24 hours per request). */
const WORKFORCE_PER_HOUR = {
	maxRangeDays: endpointOf('report', 'getWorkforcePerHour')?.maxRangeDays ?? 1,
};

const optionsSchema = z.object({
	timezone: z.string().optional(),
	splitLongRange: z.boolean().optional(),
	rawOutput: z.boolean().optional(),
	staffingCheck: z.object({ target: staffingTargetSchema.optional() }).optional(),
});

/**
 * Workforce per hour (api=skill_5) for one input item: every parameter is checked before a token is
 * spent, then each window is fetched (the per-token limiter decides how many run at once) and its
 * rows are typed. Rows come out in window order; one failing window fails the item.
 */
export async function getWorkforcePerHour(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const options = parseOptions(
		optionsSchema,
		this.getNodeParameter('options', itemIndex, {}),
		getWorkforcePerHourOptions,
	);
	const zone = parseTimeZone(options.timezone || this.getTimezone());
	const staffingTarget = options.staffingCheck?.target;
	if (staffingTarget && options.rawOutput) {
		throw new WolkvoxInputError(
			'staffingCheck',
			'Staffing Check (Erlang C) needs typed rows, and Raw Output is on',
			'Turn off "Raw Output", or remove "Staffing Check (Erlang C)" from the options.',
		);
	}
	const skill = parseSkillSelector(
		this.getNodeParameter('skillId', itemIndex, 'all', { extractValue: true }),
	);
	const windows = reportWindows(
		readRangeRequest.call(this, itemIndex, zone),
		zone,
		WORKFORCE_PER_HOUR.maxRangeDays,
		options.splitLongRange ?? false,
	);
	const connection = await wolkvoxConnection.call(this);

	if (options.rawOutput)
		return await fetchWorkforceRows(this, connection, skill, windows, WORKFORCE_ROWS.raw);
	const rows = await fetchWorkforceRows(this, connection, skill, windows, WORKFORCE_ROWS.typed);
	if (!staffingTarget) return rows;
	return rows.map((row) => ({ ...row, ...staffingCheck(row, staffingTarget) }));
}
