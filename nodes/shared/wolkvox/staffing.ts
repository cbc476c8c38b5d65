import { requiredAgents, type StaffingTarget } from './erlang';
import type { WorkforceRow } from './rows';

/** Each row of the report covers one hour. */
const ROW_INTERVAL_SECONDS = 3600;

/** Erlang C figures shown beside Wolkvox's own `agents_needed`. */
export interface StaffingCheck {
	erlang_agents_required: number | null;
	erlang_agents_scheduled: number | null;
	erlang_service_level: number | null;
	erlang_occupancy: number | null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

const NOT_COMPUTED: StaffingCheck = {
	erlang_agents_required: null,
	erlang_agents_scheduled: null,
	erlang_service_level: null,
	erlang_occupancy: null,
};

/** The staffing check of one hourly row; null where calls or handle time are unknown or absurd. */
export function staffingCheck(row: WorkforceRow, target: StaffingTarget): StaffingCheck {
	if (row.inbound_calls === null || row.aht === null || row.inbound_calls < 0 || row.aht < 0)
		return NOT_COMPUTED;
	const result = requiredAgents(row.inbound_calls, row.aht, ROW_INTERVAL_SECONDS, target);
	if (!result) return NOT_COMPUTED;
	return {
		erlang_agents_required: result.agentsRequired,
		erlang_agents_scheduled: result.agentsWithShrinkage,
		erlang_service_level: round(result.serviceLevel, 4),
		erlang_occupancy: round(result.occupancy, 4),
	};
}
