import { requiredAgents, type StaffingTarget } from './erlang';

/**
 * The staffing target as the user sets it, field by field: the editor's limits and the checks
 * before a run both come from here, so they cannot drift apart.
 */
export const STAFFING_TARGET_FIELDS = {
	serviceLevelPercent: { min: 1, max: 99.9 },
	answerWithinSeconds: { min: 0, max: 3600 },
	maxOccupancyPercent: { min: 1, max: 100 },
	shrinkagePercent: { min: 0, max: 95 },
} as const;

/** What the staffing check reads of a row of an interval report. */
export interface StaffedRow {
	inbound_calls?: unknown;
	aht?: unknown;
	interval_seconds?: unknown;
}

/** Erlang C figures shown beside Wolkvox's own `agents_needed`. */
export interface StaffingCheck {
	erlang_agents_required: number | null;
	erlang_agents_scheduled: number | null;
	erlang_service_level: number | null;
	erlang_occupancy: number | null;
	erlang_probability_wait: number | null;
	erlang_average_speed_of_answer_seconds: number | null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const NOT_COMPUTED: StaffingCheck = {
	erlang_agents_required: null,
	erlang_agents_scheduled: null,
	erlang_service_level: null,
	erlang_occupancy: null,
	erlang_probability_wait: null,
	erlang_average_speed_of_answer_seconds: null,
};

/**
 * The staffing check of one row over the real time it covers (`interval_seconds`: a repeated
 * fall-back hour is two hours of calls, a cut hour a fraction of one); null where calls, handle
 * time or that time are unknown.
 */
export function staffingCheck(row: StaffedRow, target: StaffingTarget): StaffingCheck {
	const { inbound_calls: calls, aht, interval_seconds: seconds } = row;
	if (typeof calls !== 'number' || typeof aht !== 'number' || typeof seconds !== 'number')
		return NOT_COMPUTED;
	const result = requiredAgents(calls, aht, seconds, target);
	if (!result) return NOT_COMPUTED;
	return {
		erlang_agents_required: result.agentsRequired,
		erlang_agents_scheduled: result.agentsWithShrinkage,
		erlang_service_level: round(result.serviceLevel, 4),
		erlang_occupancy: round(result.occupancy, 4),
		erlang_probability_wait: round(result.probabilityWait, 4),
		erlang_average_speed_of_answer_seconds: round(result.averageSpeedOfAnswerSeconds, 1),
	};
}
