import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { wolkvoxConnection, wolkvoxGet } from '../../../../shared/transport';
import { describeValue, WolkvoxInputError } from '../../../../shared/wolkvox/errors';
import {
	parseSkillSelector,
	REPORTS_MANAGER_PATH,
	workforcePerHourQuery,
} from '../../../../shared/wolkvox/reports';
import { parseWorkforceRows, rawWorkforceRows } from '../../../../shared/wolkvox/rows';
import type { StaffingTarget } from '../../../../shared/wolkvox/erlang';
import { staffingCheck } from '../../../../shared/wolkvox/staffing';
import {
	customRangeWindows,
	parseDateParameter,
	parseTimeZone,
	presetWindows,
	RANGE_PRESETS,
	type WorkforceWindow,
} from '../../../../shared/wolkvox/window';

const staffingTargetSchema = z
	.object({
		serviceLevelPercent: z.number().gt(0).max(99.9),
		answerWithinSeconds: z.number().min(0).max(3600),
		maxOccupancyPercent: z.number().gt(0).max(100),
		shrinkagePercent: z.number().min(0).max(95),
	})
	.transform(
		(target): StaffingTarget => ({
			serviceLevel: target.serviceLevelPercent / 100,
			answerWithinSeconds: target.answerWithinSeconds,
			maxOccupancy: target.maxOccupancyPercent / 100,
			shrinkage: target.shrinkagePercent / 100,
		}),
	);

const optionsSchema = z.object({
	timezone: z.string().optional(),
	splitLongRange: z.boolean().optional(),
	rawOutput: z.boolean().optional(),
	staffingCheck: z.object({ target: staffingTargetSchema.optional() }).optional(),
});

function readOptions(this: IExecuteFunctions, itemIndex: number) {
	const value = this.getNodeParameter('options', itemIndex, {});
	const parsed = optionsSchema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	const field = issue.path.join('.') || 'options';
	throw new WolkvoxInputError(
		field,
		`Option ${field} is not valid: ${issue.message}`,
		'Time Zone takes a zone name; Split Long Range and Raw Output take true or false; the staffing target takes percentages (service level below 100) and seconds.',
	);
}

function windowsOf(
	this: IExecuteFunctions,
	itemIndex: number,
	zone: string,
	splitLongRange: boolean,
): WorkforceWindow[] {
	const range = this.getNodeParameter('range', itemIndex) as string;
	if (!(RANGE_PRESETS as readonly string[]).includes(range)) {
		throw new WolkvoxInputError(
			'range',
			`Range ${describeValue(range)} is not one of ${RANGE_PRESETS.join(', ')}`,
		);
	}
	if (range !== 'custom')
		return presetWindows(
			range as Exclude<(typeof RANGE_PRESETS)[number], 'custom'>,
			DateTime.now().setZone(zone),
		);
	const start = parseDateParameter(
		this.getNodeParameter('startDate', itemIndex),
		zone,
		'startDate',
	);
	const end = parseDateParameter(this.getNodeParameter('endDate', itemIndex), zone, 'endDate');
	return customRangeWindows(start, end, splitLongRange);
}

/**
 * Workforce per hour (api=skill_5) for one input item: every parameter is checked before a token is
 * spent, then each window is fetched (the per-token limiter decides how many run at once) and its
 * rows are typed. Rows come out in window order; one failing window fails the item.
 */
export async function getWorkforcePerHour(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const options = readOptions.call(this, itemIndex);
	const zone = parseTimeZone(options.timezone || this.getTimezone());
	const staffingTarget = options.staffingCheck?.target;
	if (staffingTarget && options.rawOutput) {
		throw new WolkvoxInputError(
			'staffingCheck',
			'Staffing Check needs typed rows, and Raw Output is on',
			'Turn off Raw Output, or remove the staffing target.',
		);
	}
	const skill = parseSkillSelector(
		this.getNodeParameter('skillId', itemIndex, 'all', { extractValue: true }),
	);
	const windows = windowsOf.call(this, itemIndex, zone, options.splitLongRange ?? false);
	const connection = await wolkvoxConnection.call(this);

	const perWindow = await Promise.all(
		windows.map(async (window) => {
			const rows = await wolkvoxGet.call(
				this,
				connection,
				REPORTS_MANAGER_PATH,
				workforcePerHourQuery(skill, window),
			);
			if (options.rawOutput) return rawWorkforceRows(rows, connection.host) as IDataObject[];
			const typed = parseWorkforceRows(rows, window, connection.host);
			const items = staffingTarget
				? typed.map((row) => ({ ...row, ...staffingCheck(row, staffingTarget) }))
				: typed;
			return items as unknown as IDataObject[];
		}),
	);
	return perWindow.flat();
}
